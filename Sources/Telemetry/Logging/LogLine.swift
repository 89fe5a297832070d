import Logging

/// One log line, rendered without I/O: what `StructuredLogHandler` writes.
///
/// Fields come in a fixed order: `ts`, `level`, `logger`, `msg`, then `error` when there is one,
/// then the metadata sorted by key, so lines diff and grep well. A metadata key that clashes with
/// a fixed field is kept, written after it.
struct LogLine: Sendable {
    var timestamp: String
    var level: Logger.Level
    var label: String
    var message: String
    var error: String?
    var metadata: Logger.Metadata

    func rendered(as format: LogFormat) -> String {
        var fields: [(String, Logger.MetadataValue)] = [
            ("ts", .string(timestamp)), ("level", .string(level.rawValue)), ("logger", .string(label)),
            ("msg", .string(message)),
        ]
        if let error { fields.append(("error", .string(error))) }
        fields += metadata.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        switch format {
        case .json:
            return "{" + fields.map { Self.jsonString($0.0) + ":" + Self.json($0.1) }.joined(separator: ",") + "}"
        case .text:
            return fields.map { "\($0.0)=" + Self.logfmt($0.1) }.joined(separator: " ")
        }
    }

    // MARK: JSON

    private static func json(_ value: Logger.MetadataValue) -> String {
        switch value {
        case .string(let text): return jsonString(text)
        case .stringConvertible(let value): return jsonString(value.description)
        case .array(let values): return "[" + values.map(json).joined(separator: ",") + "]"
        case .dictionary(let object):
            let members = object.sorted { $0.key < $1.key }.map { jsonString($0.key) + ":" + json($0.value) }
            return "{" + members.joined(separator: ",") + "}"
        }
    }

    /// A JSON string literal: quote, backslash and control characters escaped (RFC 8259 §7).
    static func jsonString(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    // MARK: logfmt

    private static func logfmt(_ value: Logger.MetadataValue) -> String {
        switch value {
        case .string(let text): return logfmtValue(text)
        case .stringConvertible(let value): return logfmtValue(value.description)
        case .array, .dictionary: return logfmtValue(json(value))
        }
    }

    /// Bare when the value has no space, quote, `=` or control character; quoted and escaped
    /// otherwise (an empty value is `""`).
    static func logfmtValue(_ text: String) -> String {
        let needsQuotes = text.isEmpty || text.unicodeScalars.contains {
            $0 == " " || $0 == "\"" || $0 == "=" || $0 == "\\" || $0.value < 0x20 || $0.value == 0x7F
        }
        return needsQuotes ? jsonString(text) : text
    }
}
