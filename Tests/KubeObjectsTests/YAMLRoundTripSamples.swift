@testable import KubeObjects
import SeededRandom

/// Inputs for the YAML round-trip tests: strings chosen to trip a writer up, and a deterministic
/// generator of documents built from them, so that a failure reproduces on every run.
enum YAMLRoundTripSamples {
    static let trickyStrings: [String] = [
        // Words and numbers a plain scalar would turn into another type.
        "", " ", "true", "True", "FALSE", "yes", "No", "on", "OFF", "y", "N", "null", "Null", "~",
        "0", "1", "-1", "+1",
        "007", "08", "0x1F", "0o17", "0b101", "1_000", "1.5", ".5", "1.", "1e3", "-2E-2", ".inf", "-.Inf", ".NaN",
        "1e400", "9223372036854775808", "2001-12-14", "2001-12-14T21:59:43.10-05:00", "12:30:45", "1:2",
        // Indicators and syntax.
        "-", "--", "---", "--- x", "...", "- a", "-a", "?", "? a", "?a", ":", ":a", "a:", "a:b", "a: b", "a :b",
        "#", "#a", "a#b", "a #b", "a\t#b", ",", ",a", "[", "]", "[a]", "{", "}", "{a: b}", "&a", "*a", "!a", "!!str",
        "|", "|-", ">", ">-", "'", "''", "\"", "\"\"", "%YAML", "@a", "`a`", "<<", "<", "=", "a,b", "a]", "a}",
        "%", "@",
        // Whitespace, line breaks and characters that need escapes.
        " lead", "trail ", "  ", "a  b", "\t", "tab\tin", "\ttab", "line1\nline2", "line1\nline2\n", "two\n\n",
        "\n", "\n\n", "\nlead", " indented\nsecond", "first\n  indented", "space \nafter", "a\n \nb", "cr\rx",
        "crlf\r\n", "nul\u{0}", "bell\u{7}", "esc\u{1B}", "del\u{7F}", "nel\u{85}", "c1\u{9F}", "ls\u{2028}",
        "ps\u{2029}", "bom\u{FEFF}", "nbsp\u{A0}", "\u{A0}", "ffff\u{FFFF}", "é", "日本語", "emoji 😀", "👨‍👩‍👧",
        "quote's", "\"dq\"", "back\\slash", "\\n", "a'b\"c\\d",
        // From real manifests.
        "nvidia.com/gpu", "vci.vke.volcengine.com/preferred-instance-types",
        "/spec/template/metadata/annotations/vci.vke.volcengine.com~1preferred-instance-types",
        "dcp-pre-cn-beijing.cr.volces.com/dcp/auto-gpu-burn:0.7", "./gpu_burn 3000", "500m", "1Gi", "2m",
        "http://example.com:8080/a?b=c#frag", "-Xmx512m", "--port=8080", "$(VAR)", "{{ .Values.x }}",
        String(repeating: "long ", count: 300),
    ]

    /// Documents built from the tricky strings, drawn from a seeded SplitMix64.
    struct Generator {
        var random: SplitMix64

        init(seed: UInt64) { random = SplitMix64(seed: seed) }

        mutating func below(_ bound: Int) -> Int { random.below(bound) }

        mutating func string() -> String { trickyStrings[below(trickyStrings.count)] }

        mutating func scalar() -> JSONValue {
            switch below(8) {
            case 0: return .null
            case 1: return .bool(below(2) == 0)
            case 2: return .int([0, 1, -1, 42, .max, .min, 511][below(7)])
            case 3: return .double([0.5, -0.0, 1.0, 1e-5, 1e300, 123456.789, -2.5e-300, .leastNonzeroMagnitude][below(8)])
            default: return .string(string())
            }
        }

        /// A value nested at most `depth` levels, with collections more likely near the top.
        mutating func value(depth: Int) -> JSONValue {
            guard depth > 0, below(4) != 0 else { return scalar() }
            let count = below(5)
            if below(2) == 0 {
                return .array((0..<count).map { _ in value(depth: depth - 1) })
            }
            var object = JSONObject()
            for _ in 0..<count { object[string()] = value(depth: depth - 1) }
            return .object(object)
        }
    }
}
