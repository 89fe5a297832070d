import KubeObjects
import Testing

@Suite("JSON writer")
struct JSONWriterTests {
    @Test("Quotes, backslashes and every control character are escaped; other text is written as it is")
    func escapes() throws {
        let text = "q\" b\\ nl\n cr\r tab\t bs\u{08} ff\u{0C} nul\u{00} us\u{1F} é 😀 del\u{7F}"
        let written = JSONValue.string(text).jsonString
        #expect(written == "\"q\\\" b\\\\ nl\\n cr\\r tab\\t bs\\b ff\\f nul\\u0000 us\\u001f é 😀 del\u{7F}\"")
        #expect(try JSONValue(parsing: written) == .string(text))
    }

    @Test("Keys are escaped like values, and the byte form is the string form's UTF-8")
    func keysAndBytes() {
        let document: JSONValue = ["b": [1, 2.5, true, nil], "a": ["k\"ey": "vé"]]
        #expect(document.jsonString == #"{"b":[1,2.5,true,null],"a":{"k\"ey":"vé"}}"#)
        #expect(document.canonicalJSONString == #"{"a":{"k\"ey":"vé"},"b":[1,2.5,true,null]}"#)
        #expect(document.jsonBytes == Array(document.jsonString.utf8))
        #expect(document.canonicalJSONBytes == Array(document.canonicalJSONString.utf8))
    }

    @Test("FNV-1a gives the published test vectors")
    func fnv1a() {
        #expect(FNV1a.hash32("".utf8) == 0x811c_9dc5)
        #expect(FNV1a.hash32("a".utf8) == 0xe40c_292c)
        #expect(FNV1a.hash64("".utf8) == 0xcbf2_9ce4_8422_2325)
        #expect(FNV1a.hash64("a".utf8) == 0xaf63_dc4c_8601_ec8c)
        #expect(FNV1a.hash64("foobar".utf8) == 0x8594_4171_f739_67e8)
    }
}
