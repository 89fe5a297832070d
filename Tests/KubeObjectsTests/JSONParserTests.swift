import Testing
@testable import KubeObjects

@Suite struct JSONParserTests {
    @Test func readsIntegersAndFloatsAsDistinctTypes() throws {
        let value = try JSONValue(parsing: #"{"a": 3, "b": 3.5, "c": -0, "d": 1e2}"#)
        #expect(value["a"] == .int(3))
        if case .double(let b)? = value["b"] { #expect(b == 3.5) } else { Issue.record("b is not a double") }
        #expect(value["c"] == .int(0))
        if case .double(let d)? = value["d"] { #expect(d == 100) } else { Issue.record("d is not a double") }
    }

    @Test func keepsKeyOrderWhenPrinting() throws {
        let text = #"{"zeta":1,"alpha":{"y":[1,2,{"q":null}],"b":true},"mid":"x"}"#
        #expect(try JSONValue(parsing: text).jsonString == text)
    }

    @Test func rejectsDuplicateKeysWithLineAndColumn() {
        #expect(throws: SourceError(file: "f.json", line: 2, column: 3, message: #"duplicate key "a""#)) {
            try JSONValue(parsing: "{\"a\": 1,\n  \"a\": 2}", file: "f.json")
        }
    }

    @Test(arguments: ["", "{", "[1,]", "{\"a\" 1}", "01", "1.", "tru", "\"\\x\"", "[1] 2", "\"\\ud800\""])
    func rejectsMalformedDocuments(_ text: String) {
        #expect(throws: SourceError.self) { try JSONValue(parsing: text) }
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let value = try JSONValue(parsing: #""a\"b\\c\/d\n\u00e9\ud83d\ude00""#)
        #expect(value == .string("a\"b\\c/d\né😀"))
        #expect(value.jsonString == #""a\"b\\c/d\né😀""#)
    }

    @Test("Strings without escapes: raw UTF-8 is kept, invalid UTF-8 and raw control characters are refused")
    func readsUnescapedStrings() throws {
        #expect(try JSONValue(parsing: Array(#"["plain","café 😀",""]"#.utf8)) == ["plain", "café 😀", ""])
        let invalid: [UInt8] = [UInt8(ascii: "\""), 0x61, 0xC3, 0x28, UInt8(ascii: "\"")]
        #expect(throws: SourceError.self) { try JSONValue(parsing: invalid) }
        #expect(throws: SourceError.self) { try JSONValue(parsing: "\"tab\there\"") }
        #expect(throws: SourceError.self) { try JSONValue(parsing: "\"é unterminated") }
        // An escape after a non-ASCII run takes the general path and keeps the run.
        #expect(try JSONValue(parsing: #""é\n😀""#) == .string("é\n😀"))
    }

    @Test func comparesNumbersByValueAndObjectsIgnoringOrder() throws {
        #expect(JSONValue.int(1) == JSONValue.double(1.0))
        #expect(JSONValue.int(1) != JSONValue.double(1.5))
        #expect(try JSONValue(parsing: #"{"a":1,"b":2}"#) == JSONValue(parsing: #"{"b":2,"a":1}"#))
        #expect(try JSONValue(parsing: #"[1,2]"#) != JSONValue(parsing: #"[2,1]"#))
    }

    @Test func printsPrettyAndCanonicalForms() throws {
        let value = try JSONValue(parsing: #"{"b":[1,{}],"a":[]}"#)
        #expect(value.prettyJSONString == "{\n  \"b\": [\n    1,\n    {}\n  ],\n  \"a\": []\n}")
        #expect(value.canonicalJSONString == #"{"a":[],"b":[1,{}]}"#)
    }
}
