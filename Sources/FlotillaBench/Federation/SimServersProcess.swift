import Foundation
import KubeClient

/// The parent's handle on a `SimServersChild`: this same executable, started again with
/// `--serve-sims`, speaking the line protocol described there.
///
/// Closing the child's standard input is what stops it, so a parent that crashes leaves no
/// servers behind.
actor SimServersProcess {
    let ports: [Int]
    let pid: Int32
    private let process: Process
    private let input: FileHandle
    private var replies: AsyncStream<String>.AsyncIterator

    private init(process: Process, input: FileHandle, replies: AsyncStream<String>.AsyncIterator, ports: [Int]) {
        self.process = process
        self.pid = process.processIdentifier
        self.input = input
        self.replies = replies
        self.ports = ports
    }

    /// Starts `count` servers (host first) with the fixture seeded on the host, and returns once
    /// they are listening.
    static func launch(count: Int, fixture: FederationFixture) async throws -> SimServersProcess {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: BenchExecutable.path)
        process.arguments = [
            SimServersChild.flag, String(count), "--workloads", String(fixture.workloads),
            "--samples", String(fixture.samples),
        ]
        let toChild = Pipe()
        let fromChild = Pipe()
        process.standardInput = toChild
        process.standardOutput = fromChild
        try ProcessLaunch.run(process)
        var replies = LineStream.lines(of: fromChild.fileHandleForReading).makeAsyncIterator()
        guard let line = await replies.next(), line.hasPrefix("ports ") else {
            throw BenchError("the simulated API servers did not start (see their messages above)")
        }
        let ports = line.split(separator: " ").dropFirst().compactMap { Int($0) }
        guard ports.count == count else { throw BenchError("the simulated API servers answered \"\(line)\"") }
        return SimServersProcess(
            process: process, input: toChild.fileHandleForWriting, replies: replies, ports: ports)
    }

    /// Each server's resourceVersion, host first.
    func versions() async throws -> [Int64] {
        input.write(Data("versions\n".utf8))
        // Taken out and put back: the run's driver is the only caller, one command at a time.
        var iterator = replies
        let line = await iterator.next(isolation: self)
        replies = iterator
        guard let line, line.hasPrefix("versions ") else {
            throw BenchError("the simulated API servers stopped answering")
        }
        return line.split(separator: " ").dropFirst().compactMap { Int64($0) }
    }

    /// CPU seconds the child has used so far.
    nonisolated var cpuSeconds: Double? { ProcessMetrics.cpuSeconds(pid: String(pid)) }

    /// Stops the servers and waits for the child to exit.
    func stop() async {
        try? input.close()
        let process = self.process
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            Thread.detachNewThread {
                process.waitUntilExit()
                continuation.resume()
            }
        }
    }
}

/// The running benchmark executable, which re-executes itself for its child processes.
enum BenchExecutable {
    static var path: String {
        let argument = CommandLine.arguments[0]
        if argument.contains("/") { return URL(fileURLWithPath: argument).standardizedFileURL.path }
        return Bundle.main.executablePath ?? argument
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
