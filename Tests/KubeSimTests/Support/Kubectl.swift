import Foundation
import KubeClient
import Testing

/// Runs the machine's real `kubectl` against a simulator, with its own kubeconfig and cache in a
/// temporary directory so that nothing leaks between tests or into the user's `~/.kube`.
struct Kubectl: Sendable {
    struct Result: Sendable {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    enum Failure: Error, CustomStringConvertible {
        case missing
        var description: String {
            "kubectl was not found on PATH: the kubectl compatibility tests need the real kubectl binary"
        }
    }

    let directory: URL
    let executable: URL

    /// kubectl 1.32 sends no bearer token to a plain-http server (seen on this machine), so the
    /// kubeconfig carries none and the server under test runs without authentication.
    init(port: Int) throws {
        guard let found = Self.find() else { throw Failure.missing }
        executable = found
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("kubesim-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let kubeconfig = """
            apiVersion: v1
            kind: Config
            clusters:
            - name: sim
              cluster:
                server: http://127.0.0.1:\(port)
            users:
            - name: sim
              user: {}
            contexts:
            - name: sim
              context:
                cluster: sim
                user: sim
                namespace: default
            current-context: sim
            """
        try kubeconfig.write(to: directory.appendingPathComponent("config"), atomically: true, encoding: .utf8)
    }

    private static func find() -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for entry in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(entry)).appendingPathComponent("kubectl")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    /// Writes `text` to a file in the temporary directory, for `-f`.
    func file(_ name: String, _ text: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// Runs kubectl to completion without blocking a concurrency thread.
    func run(_ arguments: [String]) async throws -> Result {
        let (process, stdout, stderr) = try prepare(arguments)
        try await withCheckedThrowingContinuation { (done: CheckedContinuation<Void, any Error>) in
            // Set before `run()`, so that it cannot miss a fast exit.
            process.terminationHandler = { _ in done.resume() }
            do {
                try ProcessLaunch.run(process)
            } catch {
                done.resume(throwing: error)
            }
        }
        return Result(status: process.terminationStatus, stdout: try read(stdout), stderr: try read(stderr))
    }

    /// Starts a long-running kubectl (`get -w`); the caller reads `output(of:)` and terminates it.
    func start(_ arguments: [String]) throws -> (process: Process, stdout: URL) {
        let (process, stdout, _) = try prepare(arguments)
        try ProcessLaunch.run(process)
        return (process, stdout)
    }

    func read(_ url: URL) throws -> String {
        String(decoding: try Data(contentsOf: url), as: UTF8.self)
    }

    private func prepare(_ arguments: [String]) throws -> (Process, URL, URL) {
        let id = UUID().uuidString
        let stdout = directory.appendingPathComponent("\(id).out")
        let stderr = directory.appendingPathComponent("\(id).err")
        _ = FileManager.default.createFile(atPath: stdout.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderr.path, contents: nil)
        let process = Process()
        process.executableURL = executable
        process.arguments = ["--kubeconfig", directory.appendingPathComponent("config").path,
            "--cache-dir", directory.appendingPathComponent("cache").path] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = directory.path
        environment["KUBECONFIG"] = directory.appendingPathComponent("config").path
        process.environment = environment
        process.standardOutput = try FileHandle(forWritingTo: stdout)
        process.standardError = try FileHandle(forWritingTo: stderr)
        return (process, stdout, stderr)
    }
}
