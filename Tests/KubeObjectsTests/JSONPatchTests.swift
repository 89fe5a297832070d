import Testing
import KubeObjects

/// Reads a JSON document written in a test.
private func json(_ text: String) throws -> JSONValue { try JSONValue(parsing: text) }

/// Applies the patch written as JSON text to the document written as JSON text.
private func apply(_ patch: String, to document: String) throws -> JSONValue {
    try JSONPatch(document: json(patch)).apply(to: json(document))
}

/// The error applying `patch` to `document` throws, or `nil` when it applies.
private func failure(_ patch: String, on document: String) throws -> JSONPatchError? {
    let patchValue = try json(patch)
    let documentValue = try json(document)
    do {
        _ = try JSONPatch(document: patchValue).apply(to: documentValue)
        return nil
    } catch {
        return error
    }
}

@Suite struct JSONPatchTests {
    @Test func addToAnExistingMemberReplacesItAndKeepsItsPlace() throws {
        let result = try apply(#"[{"op":"add","path":"/b","value":20}]"#, to: #"{"a":1,"b":2,"c":3}"#)
        #expect(result.jsonString == #"{"a":1,"b":20,"c":3}"#)
    }

    @Test func dashAppendsToArraysAtAnyDepth() throws {
        let result = try apply(
            #"[{"op":"add","path":"/-","value":0},{"op":"add","path":"/0/items/-","value":{"x":1}}]"#,
            to: #"[{"items":[]}]"#)
        #expect(result == (try json(#"[{"items":[{"x":1}]},0]"#)))
    }

    @Test func addAtTheArrayCountAppendsButOnePastItFails() throws {
        #expect(try apply(#"[{"op":"add","path":"/2","value":"c"}]"#, to: #"["a","b"]"#) == ["a", "b", "c"])
        let error = try failure(#"[{"op":"add","path":"/3","value":"c"}]"#, on: #"["a","b"]"#)
        #expect(error?.description == "operation 0 (add /3): index 3 is out of range: the array at the root has 2 elements")
    }

    @Test(arguments: [
        (#"{"op":"remove","path":"/items/-"}"#, #"operation 0 (remove /items/-): "-" (after the last element of /items) only works as the path of add"#),
        (#"{"op":"replace","path":"/items/-","value":1}"#, #"operation 0 (replace /items/-): "-" (after the last element of /items) only works as the path of add"#),
        (#"{"op":"test","path":"/items/-","value":1}"#, "operation 0 (test /items/-): path does not exist"),
        (#"{"op":"copy","from":"/items/-","path":"/x"}"#, "operation 0 (copy /x): from location /items/- does not exist"),
    ])
    func dashIsOnlyValidAsTheTargetOfAdd(_ operation: String, _ message: String) throws {
        let error = try failure("[\(operation)]", on: #"{"items":[1]}"#)
        #expect(error?.description == message)
    }

    @Test(arguments: [
        (#"{"op":"replace","path":"/spec/replicas","value":3}"#, "operation 0 (replace /spec/replicas): path does not exist"),
        (#"{"op":"remove","path":"/spec/replicas"}"#, "operation 0 (remove /spec/replicas): path does not exist"),
        (#"{"op":"add","path":"/status/phase","value":"x"}"#, "operation 0 (add /status/phase): path does not exist: /status is missing"),
        (#"{"op":"replace","path":"/spec/paused/x","value":1}"#, "operation 0 (replace /spec/paused/x): /spec/paused/x does not exist: /spec/paused is a boolean, not an object or array"),
        (#"{"op":"remove","path":"/spec/paused/x"}"#, "operation 0 (remove /spec/paused/x): /spec/paused is a boolean, not an object or array"),
        (#"{"op":"remove","path":"/list/5"}"#, "operation 0 (remove /list/5): path does not exist: index 5 is out of range, the array at /list has 2 elements"),
        (#"{"op":"remove","path":"/list/01"}"#, #"operation 0 (remove /list/01): "01" is not an index into the array at /list"#),
    ])
    func replaceAndRemoveRequireTheTargetToExist(_ operation: String, _ message: String) throws {
        let error = try failure("[\(operation)]", on: #"{"spec":{"paused":false},"list":[1,2]}"#)
        #expect(error?.description == message)
    }

    @Test func nullIsAValueButAMissingValueIsAnError() throws {
        #expect(try apply(#"[{"op":"add","path":"/a","value":null}]"#, to: "{}") == ["a": nil])
        #expect(try apply(#"[{"op":"test","path":"/a","value":null}]"#, to: #"{"a":null}"#) == ["a": nil])
        for op in ["add", "replace", "test"] {
            let error = try failure(#"[{"op":"\#(op)","path":"/a"}]"#, on: #"{"a":1}"#)
            #expect(error == JSONPatchError(operationIndex: 0, operation: op, path: "/a", message: #"missing "value""#))
        }
        for op in ["move", "copy"] {
            let error = try failure(#"[{"op":"\#(op)","path":"/a"}]"#, on: #"{"a":1}"#)
            #expect(error?.description == #"operation 0 (\#(op) /a): missing "from""#)
        }
    }

    @Test(arguments: [
        (#"{"a":1}"#, #"a JSON patch must be an array of operations, got an object"#),
        (#"["add"]"#, "operation 0: an operation must be an object, got a string"),
        (#"[{"path":"/a"}]"#, #"operation 0: missing "op""#),
        (#"[{"op":7,"path":"/a"}]"#, #"operation 0: "op" must be a string, got an integer"#),
        (#"[{"op":"spam","path":"/a"}]"#, #"operation 0 (spam /a): unknown operation "spam"; expected one of add, remove, replace, move, copy, test"#),
        (#"[{"op":"remove"}]"#, #"operation 0 (remove): missing "path""#),
        (#"[{"op":"remove","path":null}]"#, #"operation 0 (remove): "path" must be a string, got null"#),
        (#"[{"op":"remove","path":"a"}]"#, #"operation 0 (remove a): "path" is not a JSON pointer: must be empty or start with "/""#),
        (#"[{"op":"move","from":"/~2","path":"/a"}]"#, #"operation 0 (move /a): "from" is not a JSON pointer: "~" must be followed by "0" or "1""#),
    ])
    func malformedPatchDocumentsAreRejectedWithTheOperationIndex(_ patch: String, _ message: String) throws {
        let document = try json(patch)
        #expect(throws: JSONPatchError.self) { try JSONPatch(document: document) }
        do {
            _ = try JSONPatch(document: document)
        } catch {
            #expect(error.description == message)
        }
    }

    @Test func unusedMembersAreIgnoredAndDoNotAffectEquality() throws {
        let plain = try JSONPatch(document: json(#"[{"op":"remove","path":"/a"}]"#))
        let noisy = try JSONPatch(document: json(#"[{"op":"remove","path":"/a","value":5,"from":"/b","note":"x"}]"#))
        #expect(plain == noisy)
        #expect(plain.operations == [JSONPatchOperation(.remove, path: try JSONPointer(parsing: "/a"))])
    }

    @Test func everyOperationIsReadBeforeAnyIsApplied() throws {
        let error = try failure(#"[{"op":"test","path":"/nope","value":1},{"op":"bogus","path":"/a"}]"#, on: "{}")
        #expect(error?.operationIndex == 1)
        #expect(error?.operation == "bogus")
    }

    @Test func addingOrReplacingTheRootReplacesTheWholeDocument() throws {
        #expect(try apply(#"[{"op":"add","path":"","value":[1]}]"#, to: #"{"a":1}"#) == [1])
        #expect(try apply(#"[{"op":"replace","path":"","value":"s"}]"#, to: "[]") == "s")
        #expect(try apply(#"[{"op":"add","path":"","value":{"b":2}},{"op":"add","path":"/c","value":3}]"#, to: "1")
            == ["b": 2, "c": 3])
    }

    @Test func moveTakesAValueDeepIntoAnotherBranch() throws {
        let result = try apply(
            #"[{"op":"move","from":"/a/b/c/d","path":"/x/y/0/z"}]"#,
            to: #"{"a":{"b":{"c":{"d":{"keep":[1,2]},"e":1}}},"x":{"y":[{}]}}"#)
        #expect(result == (try json(#"{"a":{"b":{"c":{"e":1}}},"x":{"y":[{"z":{"keep":[1,2]}}]}}"#)))
    }

    @Test func moveEvaluatesThePathAfterRemovingTheSource() throws {
        // RFC 6902 appendix A.7: the target index counts the array without the moved element.
        let result = try apply(#"[{"op":"move","from":"/1","path":"/3"}]"#, to: #"["all","grass","cows","eat"]"#)
        #expect(result == ["all", "cows", "eat", "grass"])
    }

    @Test func moveIntoItsOwnChildIsAnError() throws {
        let error = try failure(#"[{"op":"move","from":"/a","path":"/a/b"}]"#, on: #"{"a":{"b":1}}"#)
        #expect(error?.description == "operation 0 (move /a/b): cannot move /a into its own child /a/b")
        let rootError = try failure(#"[{"op":"move","from":"","path":"/a"}]"#, on: #"{"a":1}"#)
        #expect(rootError?.message == #"cannot move "" into its own child /a"#)
    }

    @Test func moveToTheSameLocationChangesNothingButTheSourceMustExist() throws {
        #expect(try apply(#"[{"op":"move","from":"/a","path":"/a"}]"#, to: #"{"a":1,"b":2}"#).jsonString == #"{"a":1,"b":2}"#)
        let error = try failure(#"[{"op":"move","from":"/z","path":"/z"}]"#, on: #"{"a":1}"#)
        #expect(error?.message == "from location /z does not exist")
    }

    @Test func copiesAreIndependentOfTheirSource() throws {
        let result = try apply(
            #"[{"op":"copy","from":"/a","path":"/b"},{"op":"add","path":"/b/list/-","value":3}]"#,
            to: #"{"a":{"list":[1,2]}}"#)
        #expect(result == (try json(#"{"a":{"list":[1,2]},"b":{"list":[1,2,3]}}"#)))
    }

    @Test func testComparesNumbersByValueAndObjectsWithoutOrder() throws {
        let document = #"{"n":1,"o":{"x":1,"y":[1.0,{"p":true,"q":null}]}}"#
        #expect(try failure(#"[{"op":"test","path":"/n","value":1.0}]"#, on: document) == nil)
        #expect(try failure(#"[{"op":"test","path":"/o","value":{"y":[1,{"q":null,"p":true}],"x":1.0}}]"#, on: document) == nil)
        let error = try failure(#"[{"op":"test","path":"/n","value":"1"}]"#, on: document)
        #expect(error?.description == #"operation 0 (test /n): test failed: expected "1", found 1"#)
    }

    @Test func failingTestMessagesAreCutShort() throws {
        let long = String(repeating: "x", count: 500)
        let error = try failure(#"[{"op":"test","path":"/a","value":"\#(long)"}]"#, on: #"{"a":1}"#)
        #expect((error?.message.count ?? 0) < 200)
    }

    @Test func aFailingThirdOperationLeavesTheInputUntouchedAndReturnsNothing() throws {
        let original = try json(#"{"spec":{"replicas":1,"list":[1,2]},"keep":true}"#)
        let patch = try JSONPatch(document: json(#"""
            [{"op":"replace","path":"/spec/replicas","value":5},
             {"op":"add","path":"/spec/list/-","value":3},
             {"op":"test","path":"/keep","value":false},
             {"op":"remove","path":"/keep"}]
            """#))
        var result: JSONValue?
        #expect(throws: JSONPatchError.self) { result = try patch.apply(to: original) }
        #expect(result == nil)
        #expect(original.jsonString == #"{"spec":{"replicas":1,"list":[1,2]},"keep":true}"#)
    }

    @Test func errorsNameTheOperationIndexOpAndPath() throws {
        let error = try failure(#"""
            [{"op":"test","path":"/kind","value":"Deployment"},
             {"op":"add","path":"/metadata/labels/app","value":"web"},
             {"op":"replace","path":"/spec/replicas","value":3}]
            """#, on: #"{"kind":"Deployment","metadata":{"labels":{}},"spec":{}}"#)
        #expect(error == JSONPatchError(operationIndex: 2, operation: "replace", path: "/spec/replicas", message: "path does not exist"))
        #expect(error?.description == "operation 2 (replace /spec/replicas): path does not exist")
    }

    @Test func aPatchWritesBackAsTheDocumentItWasReadFrom() throws {
        let text = #"[{"op":"move","path":"/a~1b","from":"/c~0d"},{"op":"test","path":"","value":{"x":null}}]"#
        let patch = try JSONPatch(document: json(text))
        #expect(patch.jsonValue.jsonString == text)
        #expect(try JSONPatch(document: patch.jsonValue) == patch)
    }

    @Test func operationsBuiltInCodeApplyLikeParsedOnes() throws {
        let patch = JSONPatch([
            JSONPatchOperation(.add, path: JSONPointer(tokens: ["metadata", "labels", "tier/name"]), value: "gpu"),
            JSONPatchOperation(.copy, path: JSONPointer(tokens: ["spare"]), from: JSONPointer(tokens: ["metadata"])),
        ])
        let result = try patch.apply(to: ["metadata": ["labels": [:]]])
        #expect(result == ["metadata": ["labels": ["tier/name": "gpu"]], "spare": ["labels": ["tier/name": "gpu"]]])
        let incomplete = JSONPatch([JSONPatchOperation(.replace, path: JSONPointer(tokens: ["metadata"]))])
        #expect(throws: JSONPatchError(operationIndex: 0, operation: "replace", path: "/metadata", message: #"missing "value""#)) {
            try incomplete.apply(to: ["metadata": 1])
        }
    }

    @Test func manyEditsToALargeDocumentStayFast() throws {
        // Copying the document (or the touched array) per operation would make this quadratic:
        // 40,000 operations × 20,000 to 40,000 elements. Edited in place it takes milliseconds.
        let size = 20_000
        let document: JSONValue = ["spec": ["items": .array((0..<size).map { .int(Int64($0)) })]]
        var operations: [JSONPatchOperation] = []
        for index in 0..<size {
            let append = JSONPointer(tokens: ["spec", "items", "-"])
            let element = JSONPointer(tokens: ["spec", "items", String(index)])
            operations.append(JSONPatchOperation(.add, path: append, value: .int(Int64(index))))
            operations.append(JSONPatchOperation(.replace, path: element, value: .int(-1)))
        }
        operations.append(JSONPatchOperation(.replace, path: JSONPointer(tokens: ["spec", "items", "0"]), value: "first"))
        let clock = ContinuousClock()
        var result: JSONValue = nil
        let elapsed = try clock.measure { result = try JSONPatch(operations).apply(to: document) }
        #expect(result["spec"]?["items"]?.arrayValue?.count == 2 * size)
        #expect(result["spec"]?["items"]?.arrayValue?.first == "first")
        #expect(document["spec"]?["items"]?.arrayValue?.count == size)
        #expect(elapsed < .seconds(5), "took \(elapsed)")
    }
}
