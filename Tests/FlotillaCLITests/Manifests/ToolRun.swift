import Foundation
import KubeClient

/// What a program run by `ToolRun.run` printed and how it exited.
struct ToolOutput: Sendable, CustomStringConvertible {
    var status: Int32
    var stdout: String
    var stderr: String

    var description: String { "exit \(status)\nstdout: \(stdout)\nstderr: \(stderr)" }
}

/// Runs a program from PATH (kubectl) to completion without blocking a Swift concurrency thread,
/// which the in-process API server needs free while kubectl talks to it. Output goes through
/// files, so that a large render cannot fill a pipe and stall the program.
enum ToolRun {
    struct Missing: Error, CustomStringConvertible {
        var name: String
        var description: String { "\(name) was not found on PATH: the manifest tests run the real \(name)" }
    }

    static func run(_ name: String, _ arguments: [String], home: URL? = nil) async throws -> ToolOutput {
        guard let executable = find(name) else { throw Missing(name: name) }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("flotilla-tool-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let stdout = scratch.appendingPathComponent("out")
        let stderr = scratch.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: stdout.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderr.path, contents: nil)

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = RepositoryFiles.root
        var environment = ProcessInfo.processInfo.environment
        // kubectl keeps a discovery cache and reads ~/.kube/config: both stay in the scratch area.
        environment["HOME"] = (home ?? scratch).path
        environment.removeValue(forKey: "KUBECONFIG")
        process.environment = environment
        process.standardOutput = try FileHandle(forWritingTo: stdout)
        process.standardError = try FileHandle(forWritingTo: stderr)
        try await withCheckedThrowingContinuation { (done: CheckedContinuation<Void, any Error>) in
            process.terminationHandler = { _ in done.resume() }  // set before run(), so no exit is missed
            do {
                try ProcessLaunch.run(process)
            } catch {
                done.resume(throwing: error)
            }
        }
        return ToolOutput(
            status: process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: stdout), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: stderr), as: UTF8.self))
    }

    private static func find(_ name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":")
            .map { URL(fileURLWithPath: String($0)).appendingPathComponent(name) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }
}
