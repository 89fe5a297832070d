import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Blocking reads from a pipe or file that survive signals.
///
/// swift-corelibs-foundation's `FileHandle.readDataToEndOfFile()` and `availableData` trap when
/// `read(2)` fails with `EINTR` (they use `try!`), and a process that runs others (exec credential
/// plugins, the tests' child processes) receives SIGCHLD whenever one of them exits: a read on
/// another thread at that moment would take the whole process down. These retry instead.
public enum BlockingRead {
    /// Everything up to end of file.
    public static func toEnd(_ handle: FileHandle) throws -> [UInt8] {
        var bytes: [UInt8] = []
        while true {
            let next = try chunk(handle)
            if next.isEmpty { return bytes }
            bytes += next
        }
    }

    /// The next bytes available, blocking until some arrive; empty at end of file.
    public static func chunk(_ handle: FileHandle, maximum: Int = 64 * 1024) throws -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: maximum)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(handle.fileDescriptor, $0.baseAddress, maximum) }
            if count >= 0 { return Array(buffer.prefix(count)) }
            let code = errno
            if code == EINTR { continue }
            throw POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO)
        }
    }
}
