/// The pieces of Prometheus' text exposition format 0.0.4: names, escaping, numbers.
enum PrometheusText {
    /// `text/plain; version=0.0.4`, the content type scrapers expect for this format.
    static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    /// `[a-zA-Z_:][a-zA-Z0-9_:]*`.
    static func isValidMetricName(_ name: String) -> Bool {
        isIdentifier(name, extra: UInt8(ascii: ":"))
    }

    /// `[a-zA-Z_][a-zA-Z0-9_]*`, not starting with `__` (reserved for Prometheus itself).
    static func isValidLabelName(_ name: String) -> Bool {
        isIdentifier(name, extra: nil) && !name.hasPrefix("__")
    }

    private static func isIdentifier(_ text: String, extra: UInt8?) -> Bool {
        guard !text.isEmpty else { return false }
        for (index, byte) in text.utf8.enumerated() {
            let letter = (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
            let digit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
            guard letter || byte == UInt8(ascii: "_") || byte == extra || (digit && index > 0) else { return false }
        }
        return true
    }

    /// HELP text: backslash and line feed escaped.
    static func escapeHelp(_ text: String) -> String {
        escape(text, quote: false)
    }

    /// A label value: backslash, double quote and line feed escaped.
    static func escapeLabelValue(_ text: String) -> String {
        escape(text, quote: true)
    }

    private static func escape(_ text: String, quote: Bool) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\"" where quote: result += "\\\""
            default: result.unicodeScalars.append(character)
            }
        }
        return result
    }

    /// `{a="1",b="2"}`, or nothing for no labels.
    static func labelSet(_ labels: [(String, String)]) -> String {
        guard !labels.isEmpty else { return "" }
        return "{" + labels.map { "\($0.0)=\"\(escapeLabelValue($0.1))\"" }.joined(separator: ",") + "}"
    }

    /// Integral values without a fraction (`3`, not `3.0`), `+Inf`, `-Inf`, `NaN`, else Swift's
    /// shortest round-tripping form (`0.005`, `1e-07`), all of which Prometheus parses.
    static func number(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value == .infinity { return "+Inf" }
        if value == -.infinity { return "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}
