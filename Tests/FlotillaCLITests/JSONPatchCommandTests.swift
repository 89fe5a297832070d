import Foundation
import Testing

/// What a run of the `flotilla` binary printed and how it exited.
private struct Run {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs the built `flotilla` binary as a user would, with files in a fresh temporary directory.
private struct Sandbox {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("flotilla-jsonpatch-\(UUID().uuidString)")
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
        let process = Process()
        process.executableURL = try Self.flotilla()
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        let input = Pipe()
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let stdout = output.fileHandleForReading.readDataToEndOfFile()
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
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

@Suite struct JSONPatchCommandTests {
    static let deployment = #"{"kind":"Deployment","spec":{"replicas":1,"template":{"labels":{"app":"web"}}}}"#

    @Test func printsThePatchedDocumentAsOneLineOfJSONAndExitsZero() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let document = try sandbox.write("deploy.json", Self.deployment)
        let patch = try sandbox.write("patch.json", #"""
            [{"op": "replace", "path": "/spec/replicas", "value": 3},
             {"op": "add", "path": "/spec/template/labels/tier", "value": "gpu"}]
            """#)
        let run = try sandbox.run(["jsonpatch", document, patch])
        #expect(run.status == 0)
        #expect(run.stdout == #"{"kind":"Deployment","spec":{"replicas":3,"template":{"labels":{"app":"web","tier":"gpu"}}}}"# + "\n")
        #expect(run.stderr.isEmpty)
    }

    @Test func prettyIndentsTheOutput() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let document = try sandbox.write("doc.json", #"{"a":[1]}"#)
        let patch = try sandbox.write("patch.json", #"[{"op":"add","path":"/b","value":true}]"#)
        let run = try sandbox.run(["jsonpatch", "--pretty", document, patch])
        #expect(run.status == 0)
        #expect(run.stdout == "{\n  \"a\": [\n    1\n  ],\n  \"b\": true\n}\n")
    }

    @Test func readsEitherFileFromStandardInputGivenADash() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let patch = try sandbox.write("patch.json", #"[{"op":"remove","path":"/spec"}]"#)
        let fromStdin = try sandbox.run(["jsonpatch", "-", patch], stdin: Self.deployment)
        #expect(fromStdin.status == 0)
        #expect(fromStdin.stdout == #"{"kind":"Deployment"}"# + "\n")

        let document = try sandbox.write("deploy.json", Self.deployment)
        let patchFromStdin = try sandbox.run(["jsonpatch", document, "-"], stdin: #"[{"op":"copy","from":"/kind","path":"/k"}]"#)
        #expect(patchFromStdin.stdout.hasSuffix(#""k":"Deployment"}"# + "\n"))
    }

    @Test func aFailingTestOperationExitsOneNamingTheOperation() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let document = try sandbox.write("deploy.json", Self.deployment)
        let patch = try sandbox.write("guarded.json", #"""
            [{"op": "replace", "path": "/spec/replicas", "value": 3},
             {"op": "test", "path": "/kind", "value": "StatefulSet"}]
            """#)
        let run = try sandbox.run(["jsonpatch", document, patch])
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty, "nothing is printed when the patch does not apply whole")
        #expect(run.stderr == #"error: \#(patch): operation 1 (test /kind): test failed: expected "StatefulSet", found "Deployment""# + "\n")
    }

    @Test func aMissingFileExitsOneNamingTheFile() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let patch = try sandbox.write("patch.json", "[]")
        let run = try sandbox.run(["jsonpatch", "no-such-deployment.json", patch])
        #expect(run.status == 1)
        #expect(run.stderr == "error: no-such-deployment.json: No such file or directory\n")
    }

    @Test func malformedInputIsReportedWithItsFileAndPosition() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let document = try sandbox.write("broken.json", "{\n  \"a\": [1,\n}")
        let patch = try sandbox.write("patch.json", "[]")
        let run = try sandbox.run(["jsonpatch", document, patch])
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("error: \(document):3:1: "))
    }

    @Test func aPatchThatIsNotAnArrayIsRejected() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let document = try sandbox.write("doc.json", "{}")
        let patch = try sandbox.write("merge.json", #"{"op":"add","path":"/a","value":1}"#)
        let run = try sandbox.run(["jsonpatch", document, patch])
        #expect(run.status == 1)
        #expect(run.stderr == "error: \(patch): a JSON patch must be an array of operations, got an object\n")
    }

    @Test func bothInputsCannotComeFromStandardInput() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let run = try sandbox.run(["jsonpatch", "-", "-"], stdin: "{}")
        #expect(run.status == 1)
        #expect(run.stderr == "error: <document> and <patch> cannot both be standard input (-)\n")
    }
}
