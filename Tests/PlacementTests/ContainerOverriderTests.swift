import KubeObjects
import Testing

@testable import Placement

/// Command, args and envs: overriders that edit one named container.
@Suite struct ContainerOverriderTests {
    @Test(arguments: [
        ("command", "append", #"["--fast", "-v"]"#, #"["/bin/app", "--fast", "-v"]"#),
        ("command", "overwrite", #"["/bin/other"]"#, #"["/bin/other"]"#),
        ("command", "delete", #"["/bin/app", "absent"]"#, #"[]"#),
        ("args", "append", #"["--gpus=all"]"#, #"["--port=80", "-v", "--gpus=all"]"#),
        ("args", "overwrite", #"[]"#, #"[]"#),
        ("args", "delete", #"["-v"]"#, #"["--port=80"]"#),
    ])
    func commandAndArgsOperatorsEditTheList(_ kind: String, _ op: String, _ value: String, _ expected: String) throws {
        let result = try applying(#"{"\#(kind)": [{"containerName": "main", "operator": "\#(op)", "value": \#(value)}]}"#)
        #expect(result.container("main")?[kind] == (try json(expected)))
        #expect(result.container("sidecar") == (try json(sampleDeployment)).container("sidecar"))
    }

    @Test func deleteRemovesEveryEqualItem() throws {
        let object = sampleDeployment.replacing(#"["--port=80", "-v"]"#, with: #"["-v", "--port=80", "-v"]"#)
        let result = try applying(#"{"args": [{"containerName": "main", "operator": "delete", "value": ["-v"]}]}"#, to: object)
        #expect(result.container("main")?["args"] == ["--port=80"])
    }

    @Test(arguments: ["command", "args"])
    func appendWithAnEmptyValueIsAnError(_ kind: String) throws {
        let error = try overrideError(#"{"\#(kind)": [{"containerName": "main", "operator": "append", "value": []}]}"#)
        #expect(error?.overrider == (kind == "command" ? .command : .args))
        #expect(error?.message == "append needs a non-empty value")
    }

    @Test(arguments: ["command", "args", "envs"])
    func aMissingContainerIsSkippedSilently(_ kind: String) throws {
        let value = kind == "envs" ? #"[{"name": "A", "value": "1"}]"# : #"["x"]"#
        let op = kind == "envs" ? "addIfAbsent" : "append"
        let result = try applying(#"{"\#(kind)": [{"containerName": "absent", "operator": "\#(op)", "value": \#(value)}]}"#)
        #expect(result == (try json(sampleDeployment)))
    }

    @Test func onlyTheFirstContainerWithTheNameIsEditedAndInitContainersComeFirst() throws {
        let object = sampleDeployment.replacing(#""name": "main""#, with: #""name": "init""#)
        let result = try applying(#"{"command": [{"containerName": "init", "operator": "overwrite", "value": ["/first"]}]}"#, to: object)
        let spec = result[path: ["spec", "template", "spec"]]
        #expect(spec?["initContainers"]?.arrayValue?[0]["command"] == ["/first"])
        #expect(spec?["containers"]?.arrayValue?[0]["command"] == ["/bin/app"])
    }

    @Test func anEmptyResultDoesNotCreateAListTheContainerLacked() throws {
        let result = try applying(
            """
            {"command": [{"containerName": "sidecar", "operator": "delete", "value": ["x"]},
                         {"containerName": "init", "operator": "overwrite", "value": []}],
             "args": [{"containerName": "sidecar", "operator": "append", "value": ["--x"]}]}
            """)
        #expect(result.container("sidecar")?["command"] == nil)
        #expect(result.container("init")?["command"] == nil)
        #expect(result.container("sidecar")?["args"] == ["--x"])
    }

    @Test func commandRunsBeforeArgsAndEachSeesTheWorkingCopy() throws {
        let result = try applying(
            """
            {"args": [{"containerName": "main", "operator": "overwrite", "value": ["b"]},
                      {"containerName": "main", "operator": "append", "value": ["c"]}],
             "command": [{"containerName": "main", "operator": "append", "value": ["a"]}]}
            """)
        #expect(result.container("main")?["command"] == ["/bin/app", "a"])
        #expect(result.container("main")?["args"] == ["b", "c"])
    }

    // MARK: envs

    @Test func envAddIfAbsentAppendsNewNames() throws {
        let result = try applying(
            #"{"envs": [{"containerName": "main", "operator": "addIfAbsent", "value": [{"name": "C", "value": "3"}, {"name": "D", "valueFrom": {"fieldRef": {"fieldPath": "spec.nodeName"}}}]}]}"#)
        #expect(
            result.container("main")?["env"]
                == (try json(
                    #"[{"name": "A", "value": "1"}, {"name": "B", "value": "2"}, {"name": "C", "value": "3"}, {"name": "D", "valueFrom": {"fieldRef": {"fieldPath": "spec.nodeName"}}}]"#)))
    }

    @Test func envAddIfAbsentFailsOnANameThatIsThere() throws {
        let error = try overrideError(
            #"{"envs": [{"containerName": "main", "operator": "addIfAbsent", "value": [{"name": "C", "value": "3"}, {"name": "B", "value": "9"}]}]}"#)
        #expect(error?.overrider == .envs)
        #expect(error?.message == #"addIfAbsent cannot add B: container "main" already has it"#)
    }

    @Test func envAddIfAbsentNeedsAValue() throws {
        let error = try overrideError(#"{"envs": [{"containerName": "main", "operator": "addIfAbsent", "value": []}]}"#)
        #expect(error?.message == "addIfAbsent needs a value")
    }

    @Test(arguments: [#""operator": "overwrite","#, ""])
    func envOverwriteReplacesExistingNamesAndNeverAdds(_ operatorField: String) throws {
        let result = try applying(
            #"{"envs": [{\#(operatorField) "containerName": "main", "value": [{"name": "B", "valueFrom": {"secretKeyRef": {"name": "s", "key": "k"}}}, {"name": "Z", "value": "26"}]}]}"#)
        #expect(
            result.container("main")?["env"]
                == (try json(#"[{"name": "A", "value": "1"}, {"name": "B", "valueFrom": {"secretKeyRef": {"name": "s", "key": "k"}}}]"#)))
    }

    @Test func envOverwriteAndDeleteTouchEveryEntryWithTheName() throws {
        let object = sampleDeployment.replacing(
            #""env": [{"name": "A", "value": "1"}, {"name": "B", "value": "2"}]"#,
            with: #""env": [{"name": "A", "value": "1"}, {"name": "B", "value": "2"}, {"name": "A", "value": "again"}]"#)
        let overwritten = try applying(#"{"envs": [{"containerName": "main", "value": [{"name": "A", "value": "new"}]}]}"#, to: object)
        #expect(overwritten.container("main")?["env"] == (try json(#"[{"name": "A", "value": "new"}, {"name": "B", "value": "2"}, {"name": "A", "value": "new"}]"#)))
        let deleted = try applying(
            #"{"envs": [{"containerName": "main", "operator": "delete", "value": [{"name": "A"}, {"name": "absent"}]}]}"#, to: object)
        #expect(deleted.container("main")?["env"] == (try json(#"[{"name": "B", "value": "2"}]"#)))
    }

    @Test func envOverridersOnlyEditTheNamedContainer() throws {
        let result = try applying(#"{"envs": [{"containerName": "sidecar", "operator": "delete", "value": [{"name": "A"}]}]}"#)
        #expect(result.container("sidecar")?["env"] == [])
        #expect(result.container("main")?["env"] == (try json(sampleDeployment)).container("main")?["env"])
        let untouched = try applying(#"{"envs": [{"containerName": "init", "value": [{"name": "A", "value": "1"}]}]}"#)
        #expect(untouched.container("init")?["env"] == nil)
    }

    @Test(arguments: [
        (#""command": ["/bin/app"]"#, #""command": "/bin/app""#,
         #"{"command": [{"containerName": "main", "operator": "append", "value": ["x"]}]}"#,
         #"spec.template.spec.containers[0].command (container "main") is a string, not a list of strings"#),
        (#""args": ["--port=80", "-v"]"#, #""args": ["--port=80", 80]"#,
         #"{"args": [{"containerName": "main", "operator": "delete", "value": ["x"]}]}"#,
         #"spec.template.spec.containers[0].args (container "main") holds an integer, not only strings"#),
        (#""env": [{"name": "A", "value": "1"}, {"name": "B", "value": "2"}]"#, #""env": {}"#,
         #"{"envs": [{"containerName": "main", "value": []}]}"#,
         #"spec.template.spec.containers[0].env (container "main") is an object, not a list"#),
    ])
    func aMalformedContainerFieldIsAnError(_ original: String, _ malformed: String, _ overriders: String, _ message: String) throws {
        let error = try overrideError(overriders, to: sampleDeployment.replacing(original, with: malformed))
        #expect(error?.message == message)
    }
}
