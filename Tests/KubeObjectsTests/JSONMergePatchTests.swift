import Testing
import KubeObjects

@Suite struct JSONMergePatchTests {
    /// RFC 7386 appendix A: original, patch, result.
    @Test(arguments: [
        (#"{"a":"b"}"#, #"{"a":"c"}"#, #"{"a":"c"}"#),
        (#"{"a":"b"}"#, #"{"b":"c"}"#, #"{"a":"b","b":"c"}"#),
        (#"{"a":"b"}"#, #"{"a":null}"#, #"{}"#),
        (#"{"a":"b","b":"c"}"#, #"{"a":null}"#, #"{"b":"c"}"#),
        (#"{"a":["b"]}"#, #"{"a":"c"}"#, #"{"a":"c"}"#),
        (#"{"a":"c"}"#, #"{"a":["b"]}"#, #"{"a":["b"]}"#),
        (#"{"a":{"b":"c"}}"#, #"{"a":{"b":"d","c":null}}"#, #"{"a":{"b":"d"}}"#),
        (#"{"a":[{"b":"c"}]}"#, #"{"a":[1]}"#, #"{"a":[1]}"#),
        (#"["a","b"]"#, #"["c","d"]"#, #"["c","d"]"#),
        (#"{"a":"b"}"#, #"["c"]"#, #"["c"]"#),
        (#"{"a":"foo"}"#, #"null"#, #"null"#),
        (#"{"a":"foo"}"#, #""bar""#, #""bar""#),
        (#"{"e":null}"#, #"{"a":1}"#, #"{"e":null,"a":1}"#),
        (#"[1,2]"#, #"{"a":"b","c":null}"#, #"{"a":"b"}"#),
        (#"{}"#, #"{"a":{"bb":{"ccc":null}}}"#, #"{"a":{"bb":{}}}"#),
    ])
    func mergesEveryExampleFromRFC7386AppendixA(_ original: String, _ patch: String, _ expected: String) throws {
        let result = try JSONValue(parsing: original).applyingMergePatch(JSONValue(parsing: patch))
        #expect(result == (try JSONValue(parsing: expected)))
    }

    @Test func keepsExistingMembersInPlaceAndAppendsNewOnesInPatchOrder() throws {
        let original = try JSONValue(parsing: #"{"z":1,"spec":{"replicas":1,"paused":true},"a":2}"#)
        let patch = try JSONValue(parsing: #"{"spec":{"paused":null,"replicas":3,"strategy":"x"},"new":0}"#)
        #expect(original.applyingMergePatch(patch).jsonString == #"{"z":1,"spec":{"replicas":3,"strategy":"x"},"a":2,"new":0}"#)
    }

    @Test func leavesTheOriginalUntouched() throws {
        let original = try JSONValue(parsing: #"{"spec":{"template":{"labels":{"a":"1"}}}}"#)
        _ = original.applyingMergePatch(try JSONValue(parsing: #"{"spec":{"template":{"labels":{"a":null,"b":"2"}}}}"#))
        #expect(original.jsonString == #"{"spec":{"template":{"labels":{"a":"1"}}}}"#)
    }

    @Test func mergingInPlaceMatchesTheReturningForm() throws {
        var document = try JSONValue(parsing: #"{"a":{"b":[1]},"c":3}"#)
        let patch = try JSONValue(parsing: #"{"a":{"b":null,"d":{"e":null}},"c":null}"#)
        let expected = document.applyingMergePatch(patch)
        document.applyMergePatch(patch)
        #expect(document == expected)
        #expect(document.jsonString == #"{"a":{"d":{}}}"#)
    }
}
