import Foundation
import KubeClient
import Testing

/// What a run of the `flotilla` binary printed and how it exited.
struct Run {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs the built `flotilla` binary as a user would, with files in a fresh temporary directory.
struct Sandbox {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("flotilla-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }

    /// Writes `text` to `name` in the sandbox and returns its path.
    func write(_ name: String, _ text: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    func run(_ arguments: [String], stdin: String? = nil) throws -> Run {
        try run(executable: Self.flotilla(), arguments, stdin: stdin)
    }

    /// Runs another program found on PATH (such as kubectl) in the sandbox.
    func runTool(_ name: String, _ arguments: [String]) throws -> Run {
        try run(executable: URL(fileURLWithPath: "/usr/bin/env"), [name] + arguments, stdin: nil)
    }

    private func run(executable: URL, _ arguments: [String], stdin: String?) throws -> Run {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        let input = Pipe()
        process.standardInput = input
        try ProcessLaunch.run(process)
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let stdout = try BlockingRead.toEnd(output.fileHandleForReading)
        let stderr = try BlockingRead.toEnd(errors.fileHandleForReading)
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus,
            stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self)
        )
    }

    /// The `flotilla` executable SwiftPM built beside the test bundle.
    static func flotilla() throws -> URL {
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [
            runner,
            Bundle.main.bundleURL,
            Bundle.main.bundleURL.deletingLastPathComponent(),
            URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(".build/debug"),
        ].map { $0.appendingPathComponent("flotilla") }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: candidates.map(\.path).joined(separator: ", ")])
        }
        return found
    }
}
