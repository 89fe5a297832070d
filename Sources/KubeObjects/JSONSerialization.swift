extension JSONValue {
    /// Compact JSON, keys in the object's insertion order: the same value always gives the same bytes.
    public var jsonString: String { String(decoding: jsonBytes, as: UTF8.self) }

    /// `jsonString` as UTF-8, for request bodies and digests (no `String` is built).
    public var jsonBytes: [UInt8] { JSONWriter(indent: nil).bytes(of: self) }

    /// JSON indented by two spaces, for people.
    public var prettyJSONString: String {
        String(decoding: JSONWriter(indent: "  ").bytes(of: self), as: UTF8.self)
    }

    /// Compact JSON with object keys sorted at every level: a canonical form, for hashing and
    /// for comparing documents whose key order may differ.
    public var canonicalJSONString: String { String(decoding: canonicalJSONBytes, as: UTF8.self) }

    /// `canonicalJSONString` as UTF-8.
    public var canonicalJSONBytes: [UInt8] { JSONWriter(indent: nil, sortKeys: true).bytes(of: self) }
}

/// Writes JSON as UTF-8 bytes. Bytes, not a `String`: appending to a byte array is a copy, where
/// appending to a `String` checks and re-counts at every step, and serializing is on every
/// request's path (bodies, digests, the simulated servers' answers).
struct JSONWriter {
    var indent: String?
    var sortKeys = false

    func bytes(of value: JSONValue) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(256)
        write(value, into: &output, level: 0)
        return output
    }

    func write(_ value: JSONValue, into output: inout [UInt8], level: Int) {
        switch value {
        case .null: output += "null".utf8
        case .bool(let b): output += (b ? "true" : "false").utf8
        case .int(let i): output += String(i).utf8
        case .double(let d): output += Self.format(d).utf8
        case .string(let s): Self.writeString(s, into: &output)
        case .array(let elements):
            if elements.isEmpty {
                output += "[]".utf8
                return
            }
            output.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                newline(&output, level: level + 1)
                write(element, into: &output, level: level + 1)
            }
            newline(&output, level: level)
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            if object.isEmpty {
                output += "{}".utf8
                return
            }
            output.append(UInt8(ascii: "{"))
            // The entries as stored (no lookup per key); sorted only for the canonical form.
            let entries = sortKeys ? object.entries.sorted { $0.key < $1.key } : object.entries
            for (index, entry) in entries.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                newline(&output, level: level + 1)
                Self.writeString(entry.key, into: &output)
                output.append(UInt8(ascii: ":"))
                if indent != nil { output.append(UInt8(ascii: " ")) }
                write(entry.value, into: &output, level: level + 1)
            }
            newline(&output, level: level)
            output.append(UInt8(ascii: "}"))
        }
    }

    private func newline(_ output: inout [UInt8], level: Int) {
        guard let indent else { return }
        output.append(UInt8(ascii: "\n"))
        for _ in 0..<level { output += indent.utf8 }
    }

    /// Shortest text that reads back as the same double (`1.0` keeps its `.0`, so it reads back
    /// as a double). JSON has no infinities; they only arise from YAML, which rejects them first.
    static func format(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        return d.description
    }

    /// A JSON string literal. Most strings need no escaping and are copied in one step.
    static func writeString(_ s: String, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var text = s
        let plain = text.withUTF8 { utf8 in
            for byte in utf8 where needsEscape(byte) { return false }
            output.append(contentsOf: utf8)
            return true
        }
        if !plain {
            for byte in s.utf8 {
                guard needsEscape(byte) else {
                    output.append(byte)
                    continue
                }
                output.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): output.append(byte)
                case UInt8(ascii: "\n"): output.append(UInt8(ascii: "n"))
                case UInt8(ascii: "\r"): output.append(UInt8(ascii: "r"))
                case UInt8(ascii: "\t"): output.append(UInt8(ascii: "t"))
                case 0x08: output.append(UInt8(ascii: "b"))
                case 0x0C: output.append(UInt8(ascii: "f"))
                default:
                    let hex = String(byte, radix: 16)
                    output += ("u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8
                }
            }
        }
        output.append(UInt8(ascii: "\""))
    }

    /// Control characters, the quote and the backslash; every byte of a multi-byte UTF-8
    /// sequence is 0x80 or above and passes through as it is.
    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }
}
