extension JSONValue {
    /// Compact JSON, keys in the object's insertion order: the same value always gives the same bytes.
    public var jsonString: String {
        var output = ""
        JSONWriter(indent: nil).write(self, into: &output, level: 0)
        return output
    }

    /// JSON indented by two spaces, for people.
    public var prettyJSONString: String {
        var output = ""
        JSONWriter(indent: "  ").write(self, into: &output, level: 0)
        return output
    }

    /// Compact JSON with object keys sorted at every level: a canonical form, for hashing and
    /// for comparing documents whose key order may differ.
    public var canonicalJSONString: String {
        var output = ""
        JSONWriter(indent: nil, sortKeys: true).write(self, into: &output, level: 0)
        return output
    }
}

struct JSONWriter {
    var indent: String?
    var sortKeys = false

    func write(_ value: JSONValue, into output: inout String, level: Int) {
        switch value {
        case .null: output += "null"
        case .bool(let b): output += b ? "true" : "false"
        case .int(let i): output += String(i)
        case .double(let d): output += Self.format(d)
        case .string(let s): Self.writeString(s, into: &output)
        case .array(let elements):
            if elements.isEmpty {
                output += "[]"
                return
            }
            output += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { output += "," }
                newline(&output, level: level + 1)
                write(element, into: &output, level: level + 1)
            }
            newline(&output, level: level)
            output += "]"
        case .object(let object):
            if object.isEmpty {
                output += "{}"
                return
            }
            output += "{"
            let keys = sortKeys ? object.keys.sorted() : object.keys
            for (index, key) in keys.enumerated() {
                if index > 0 { output += "," }
                newline(&output, level: level + 1)
                Self.writeString(key, into: &output)
                output += indent == nil ? ":" : ": "
                write(object[key]!, into: &output, level: level + 1)
            }
            newline(&output, level: level)
            output += "}"
        }
    }

    private func newline(_ output: inout String, level: Int) {
        guard let indent else { return }
        output += "\n"
        for _ in 0..<level { output += indent }
    }

    /// Shortest text that reads back as the same double (`1.0` keeps its `.0`, so it reads back
    /// as a double). JSON has no infinities; they only arise from YAML, which rejects them first.
    static func format(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        return d.description
    }

    static func writeString(_ s: String, into output: inout String) {
        output += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }
}
