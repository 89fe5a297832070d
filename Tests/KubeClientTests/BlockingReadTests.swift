import Foundation
import KubeClient
import Synchronization
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Blocking reads")
struct BlockingReadTests {
    @Test("a read interrupted by a signal (EINTR) goes on and returns everything up to end of file")
    func survivesInterruption() throws {
        // A handler without SA_RESTART, as a SIGCHLD handler may be: a blocked read(2) returns EINTR.
        // Foundation's threads start with signals blocked; the reader unblocks SIGUSR1 so that
        // the signal lands in its read.
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in }
        action.sa_flags = 0
        sigemptyset(&action.sa_mask)
        sigaction(SIGUSR1, &action, nil)

        let pipe = Pipe()
        let reader = pipe.fileHandleForReading
        let result = Mutex<Result<[UInt8], any Error>?>(nil)
        let readerThread = Mutex<pthread_t?>(nil)
        let thread = Thread {
            var unblocked = sigset_t()
            sigemptyset(&unblocked)
            sigaddset(&unblocked, SIGUSR1)
            pthread_sigmask(SIG_UNBLOCK, &unblocked, nil)
            readerThread.withLock { $0 = pthread_self() }
            let read = Result { try BlockingRead.toEnd(reader) }
            result.withLock { $0 = read }
        }
        thread.start()
        while readerThread.withLock({ $0 }) == nil { usleep(1000) }
        usleep(50_000)  // let it block in read(2)
        for _ in 0..<3 {
            if let target = readerThread.withLock({ $0 }) { pthread_kill(target, SIGUSR1) }
            usleep(10_000)
        }
        pipe.fileHandleForWriting.write(Data("first\n".utf8))
        if let target = readerThread.withLock({ $0 }) { pthread_kill(target, SIGUSR1) }
        pipe.fileHandleForWriting.write(Data("second\n".utf8))
        try pipe.fileHandleForWriting.close()
        while result.withLock({ $0 }) == nil { usleep(1000) }
        let bytes = try #require(try result.withLock { $0 }?.get())
        #expect(String(decoding: bytes, as: UTF8.self) == "first\nsecond\n")
    }

    @Test("a chunk is what has arrived so far; end of file is an empty chunk")
    func chunks() throws {
        let pipe = Pipe()
        pipe.fileHandleForWriting.write(Data("abc".utf8))
        #expect(try BlockingRead.chunk(pipe.fileHandleForReading) == Array("abc".utf8))
        try pipe.fileHandleForWriting.close()
        #expect(try BlockingRead.chunk(pipe.fileHandleForReading).isEmpty)
    }
}
