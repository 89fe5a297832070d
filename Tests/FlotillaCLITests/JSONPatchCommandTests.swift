import Foundation
import Testing

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
