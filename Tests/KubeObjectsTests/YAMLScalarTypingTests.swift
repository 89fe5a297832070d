import Testing
@testable import KubeObjects

/// The value of `v` in a one-line YAML document `v: <text>`.
func yamlValue(_ text: String) throws -> JSONValue? {
    try JSONValue.yamlDocuments("v: \(text)\n").first?["v"]
}

/// Whether a value is exactly this case: `==` alone treats `1` and `1.0` as equal.
func isDouble(_ value: JSONValue?) -> Bool { if case .double? = value { true } else { false } }
func isInt(_ value: JSONValue?) -> Bool { if case .int? = value { true } else { false } }

/// Plain scalars are typed as go-yaml v2 types them, because that is how the API server will read
/// the same manifest (sigs.k8s.io/yaml).
@Suite struct YAMLScalarTypingTests {
    @Test(arguments: [
        "true", "True", "TRUE", "y", "Y", "yes", "Yes", "YES", "on", "On", "ON",
    ])
    func yaml11TrueWordsReadAsTrue(_ text: String) throws {
        #expect(try yamlValue(text) == .bool(true))
    }

    @Test(arguments: [
        "false", "False", "FALSE", "n", "N", "no", "No", "NO", "off", "Off", "OFF",
    ])
    func yaml11FalseWordsReadAsFalse(_ text: String) throws {
        #expect(try yamlValue(text) == .bool(false))
    }

    @Test(arguments: ["null", "Null", "NULL", "~", ""])
    func nullWordsAndEmptyValuesReadAsNull(_ text: String) throws {
        #expect(try yamlValue(text) == .null)
    }

    @Test(arguments: [
        ("0", 0), ("42", 42), ("-17", -17), ("+5", 5), ("1_000_000", 1_000_000),
        ("0x1F", 31), ("0XfF", 255), ("-0x10", -16), ("0o17", 15), ("0777", 511), ("0b1010", 10),
        ("-0b11", -3), ("9223372036854775807", Int64.max), ("-9223372036854775808", Int64.min),
    ] as [(String, Int64)])
    func integersReadInEveryNotationGoYAMLAccepts(_ text: String, _ expected: Int64) throws {
        let value = try yamlValue(text)
        #expect(value == .int(expected))
        #expect(isInt(value), "\(text) should be an integer, not a float")
    }

    @Test func integersBeyondInt64ReadAsFloatingPointNumbers() throws {
        let value = try yamlValue("18446744073709551615")
        #expect(isDouble(value))
        #expect(value?.doubleValue == 18446744073709551615.0)
        #expect(isDouble(try yamlValue("-9223372036854775809")))
    }

    @Test(arguments: [
        ("1.5", 1.5), ("-0.25", -0.25), (".5", 0.5), ("1.", 1.0), ("1e3", 1000), ("1.5E-3", 0.0015),
        ("+2.5e+2", 250), ("1_000.5", 1000.5), ("3.0", 3), ("08", 8),
    ] as [(String, Double)])
    func floatsReadAsDoublesEvenWhenWhole(_ text: String, _ expected: Double) throws {
        let value = try yamlValue(text)
        #expect(value == .double(expected))
        #expect(isDouble(value), "\(text) should be a float")
    }

    @Test(arguments: [
        "2001-12-14", "2001-12-14T21:59:43.10-05:00", "1.2.3", "0x", "0xZZ", "1e400", "0xFFFFFFFFFFFFFFFFFF",
        "yES", "nginx:1.25", "500m", "1Gi", ".", "+", "12:30", "<<", "~x", "v1", ".5.5",
    ])
    func otherPlainTextStaysAString(_ text: String) throws {
        #expect(try yamlValue(text) == .string(text))
    }

    @Test(arguments: ["'true'", "\"1\"", "'~'", "\"null\"", "'0x1F'", "\"1.5\"", "'on'", "''"])
    func quotedScalarsAreAlwaysStrings(_ quoted: String) throws {
        #expect(try yamlValue(quoted) == .string(String(quoted.dropFirst().dropLast())))
    }

    @Test func literalAndFoldedBlocksAreAlwaysStrings() throws {
        let document = try JSONValue.yamlDocuments("""
            literal: |
              123
            folded: >-
              true
            kept: |+
              on

            """)
        #expect(document == [["literal": "123\n", "folded": "true", "kept": "on\n"]])
    }

    @Test(arguments: [".inf", ".Inf", ".INF", "+.inf", "-.inf", "-.INF", ".nan", ".NaN", ".NAN", "!!float .inf"])
    func infinityAndNaNAreErrorsAtTheirPosition(_ text: String) {
        let error = yamlError("a: 1\nvalue: \(text)\n")
        #expect(error?.line == 2)
        #expect(error?.column == 8)
        #expect(error?.message.contains("is not a number JSON can hold") == true)
    }

    @Test func quotedInfinityIsAnOrdinaryString() throws {
        #expect(try yamlValue("'.inf'") == .string(".inf"))
        #expect(try yamlValue("!!str .nan") == .string(".nan"))
    }

    @Test func strTagForcesAString() throws {
        #expect(try yamlValue("!!str 123") == .string("123"))
        #expect(try yamlValue("!!str true") == .string("true"))
        #expect(try yamlValue("!!str") == .string(""))
    }

    @Test func typeTagsConvertTextThatFitsTheirType() throws {
        #expect(try yamlValue("!!int \"0x10\"") == .int(16))
        #expect(isDouble(try yamlValue("!!float 1")))
        #expect(try yamlValue("!!float '2'") == .double(2))
        #expect(try yamlValue("!!bool 'yes'") == .bool(true))
        #expect(try yamlValue("!!null ''") == .null)
        #expect(try yamlValue("!<tag:yaml.org,2002:int> 7") == .int(7))
    }

    @Test(arguments: ["!!int abc", "!!int 1.5", "!!float yes", "!!bool 1", "!!null 0", "!!int 18446744073709551616"])
    func typeTagsRejectTextThatDoesNotFit(_ text: String) {
        let error = yamlError("v: \(text)\n")
        #expect(error?.line == 1)
        #expect(error?.column == 4)
        #expect(error?.message.contains("is not a valid !!") == true)
    }

    @Test func binaryTagKeepsTheBase64Text() throws {
        #expect(try yamlValue("!!binary aGVsbG8=") == .string("aGVsbG8="))
    }

    @Test func otherTagsAreIgnoredAndTheTextTypedAsIfUntagged() throws {
        #expect(try yamlValue("!custom 12") == .int(12))
        #expect(try yamlValue("!custom '12'") == .string("12"))
        #expect(try yamlValue("!!timestamp 2001-12-14") == .string("2001-12-14"))
        #expect(try yamlValue("!custom {a: on}") == ["a": true])
        // `!` alone is YAML's non-specific tag, which makes a scalar a string.
        #expect(try yamlValue("! 12") == .string("12"))
    }
}
