import Foundation

/// Runs an exec credential plugin once: finds the command, starts it with the merged environment
/// and standard input closed, and collects its output.
///
/// Blocking work (waiting for the process, draining its pipes) happens on a Dispatch queue, not
/// on the cooperative thread pool, so a slow plugin does not hold up other tasks.
struct ExecPluginProcess: Sendable {
    var executable: String
    var arguments: [String]
    var environment: [String: String]

    struct Output: Sendable {
        var status: Int32
        /// True when the process was killed by a signal; `status` is then the signal number.
        var wasSignalled: Bool
        var stdout: [UInt8]
        var stderr: [UInt8]
    }

    /// Finds `command` the way a shell would: a command with a slash is a path (already resolved
    /// against the kubeconfig's directory); a bare name is searched for in `PATH`.
    static func locate(_ command: String, path: String?) -> String? {
        let files = FileManager.default
        if command.contains("/") { return files.isExecutableFile(atPath: command) ? command : nil }
        for directory in (path ?? "").split(separator: ":", omittingEmptySubsequences: true) {
            let candidate = directory.hasSuffix("/") ? "\(directory)\(command)" : "\(directory)/\(command)"
            var isDirectory: ObjCBool = false
            if files.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue,
                files.isExecutableFile(atPath: candidate)
            {
                return candidate
            }
        }
        return nil
    }

    /// Runs the plugin to completion. Throws only when the process cannot be started.
    func run() async throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try ProcessLaunch.run(process)
        let outputReader = stdout.fileHandleForReading
        let errorReader = stderr.fileHandleForReading
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                // Drain standard error on a second thread while this one drains standard output,
                // so a plugin that fills one pipe's buffer cannot deadlock against the other.
                let errors = PipeDrain(errorReader)
                let output = (try? BlockingRead.toEnd(outputReader)) ?? []
                let errorBytes = errors.wait()
                process.waitUntilExit()
                continuation.resume(
                    returning: Output(
                        status: process.terminationStatus,
                        wasSignalled: process.terminationReason == .uncaughtSignal,
                        stdout: output, stderr: errorBytes))
            }
        }
    }
}

/// Reads a pipe to its end on a Dispatch queue and hands back the bytes.
///
/// `@unchecked Sendable` because the lock-free handoff is made safe by the semaphore: `bytes` is
/// written once on the reading queue before `signal()`, and read only after `wait()` returns.
private final class PipeDrain: @unchecked Sendable {
    private var bytes: [UInt8] = []
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        DispatchQueue.global().async { [self] in
            bytes = (try? BlockingRead.toEnd(handle)) ?? []
            done.signal()
        }
    }

    func wait() -> [UInt8] {
        done.wait()
        return bytes
    }
}
