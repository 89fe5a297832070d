extension JSONValue {
    /// Block-style YAML that reads back (with `yamlDocuments`) as the same value.
    ///
    /// The layout is kubectl's `-o yaml`: two-space indentation, list items at the same column as
    /// their key, keys in the object's order, `{}` and `[]` for empty collections. Strings are
    /// quoted only where a plain scalar would read back as something else (see `YAMLStringStyle`).
    /// One value is one document: the text has no `---` and ends with a newline.
    public var yamlString: String {
        var writer = YAMLWriter()
        writer.writeDocument(self)
        return writer.output
    }

    /// Several documents as one YAML stream, separated by `---` lines, for `-o yaml` of many objects.
    public static func yamlStream(_ values: [JSONValue]) -> String {
        values.map(\.yamlString).joined(separator: "---\n")
    }
}

/// Writes block-style YAML into a string. Every `write…` method starts with the cursor at the
/// column where the node begins (after `key:`, `- ` or at the start of a line) and ends after a
/// newline.
struct YAMLWriter {
    var output = ""

    /// YAML (and libyaml) limit an implicit key to 1024 characters; longer keys take the explicit
    /// `? key` form. The check counts UTF-8 bytes, never fewer than characters, with some margin.
    static let longestImplicitKey = 1000

    mutating func writeDocument(_ value: JSONValue) {
        writeNode(value, indent: 0, blockIndent: 2)
    }

    /// A node whose first line continues the current one, which starts at column `indent`; a
    /// literal block's lines go at `blockIndent`, which must be deeper than the parent's column.
    private mutating func writeNode(_ value: JSONValue, indent: Int, blockIndent: Int) {
        switch value {
        case .object(let object) where !object.isEmpty:
            writeMapping(object, indent: indent)
        case .array(let elements) where !elements.isEmpty:
            writeSequence(elements, indent: indent)
        case .string(let string):
            let style = YAMLStringStyle(for: string)
            if style == .literal {
                writeLiteral(string, indent: blockIndent)
            } else {
                writeString(string, style: style)
                output += "\n"
            }
        default:
            writeScalar(value)
            output += "\n"
        }
    }

    private mutating func writeMapping(_ object: JSONObject, indent: Int) {
        for (index, (key, value)) in object.entries.enumerated() {
            if index > 0 { pad(indent) }
            var keyWriter = YAMLWriter()
            keyWriter.writeString(key, style: YAMLStringStyle(for: key, isKey: true))
            if keyWriter.output.utf8.count > Self.longestImplicitKey {
                // `? key`, then `: value` on the next line at the key's column; a list under it is
                // indented, since the indentless form is only usual after an implicit key.
                output += "? " + keyWriter.output + "\n"
                pad(indent)
                writeValue(value, afterKeyAt: indent, sequenceIndent: indent + 2)
            } else {
                output += keyWriter.output
                writeValue(value, afterKeyAt: indent, sequenceIndent: indent)
            }
        }
    }

    /// The `:` and value of a mapping entry whose key starts at column `indent`. Nested lists sit
    /// at `sequenceIndent`: the key's own column, as kubectl prints them.
    private mutating func writeValue(_ value: JSONValue, afterKeyAt indent: Int, sequenceIndent: Int) {
        output += ":"
        switch value {
        case .object(let object) where !object.isEmpty:
            output += "\n"
            pad(indent + 2)
            writeMapping(object, indent: indent + 2)
        case .array(let elements) where !elements.isEmpty:
            output += "\n"
            pad(sequenceIndent)
            writeSequence(elements, indent: sequenceIndent)
        default:
            output += " "
            writeNode(value, indent: indent, blockIndent: indent + 2)
        }
    }

    private mutating func writeSequence(_ elements: [JSONValue], indent: Int) {
        for (index, element) in elements.enumerated() {
            if index > 0 { pad(indent) }
            output += "- "
            writeNode(element, indent: indent + 2, blockIndent: indent + 2)
        }
    }

    private mutating func writeScalar(_ value: JSONValue) {
        switch value {
        case .null: output += "null"
        case .bool(let b): output += b ? "true" : "false"
        case .int(let i): output += String(i)
        case .double(let d): output += JSONWriter.format(d)
        case .string(let s): writeString(s, style: YAMLStringStyle(for: s))
        case .array: output += "[]"
        case .object: output += "{}"
        }
    }

    // MARK: - Strings

    private mutating func writeString(_ string: String, style: YAMLStringStyle) {
        switch style {
        case .plain:
            output += string
        case .singleQuoted:
            output += "'"
            for character in string {
                output += character == "'" ? "''" : String(character)
            }
            output += "'"
        case .doubleQuoted, .literal:
            writeDoubleQuoted(string)
        }
    }

    /// `|` or `|-`, then the lines at `indent`; empty lines stay empty so that they carry no spaces.
    private mutating func writeLiteral(_ string: String, indent: Int) {
        var lines = string.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" {
            lines.removeLast()
            output += "|\n"
        } else {
            output += "|-\n"
        }
        for line in lines {
            if !line.isEmpty {
                pad(indent)
                output += line
            }
            output += "\n"
        }
    }

    private mutating func writeDoubleQuoted(_ string: String) {
        output += "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\t": output += "\\t"
            case "\r": output += "\\r"
            case "\0": output += "\\0"
            default:
                if YAMLStringStyle.needsEscape(scalar) {
                    output += Self.escape(scalar)
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }

    /// `\xHH`, `\uHHHH` or `\UHHHHHHHH`, the shortest of YAML's numeric escapes that fits.
    private static func escape(_ scalar: Unicode.Scalar) -> String {
        let (prefix, width) = scalar.value <= 0xFF ? ("\\x", 2) : scalar.value <= 0xFFFF ? ("\\u", 4) : ("\\U", 8)
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return prefix + String(repeating: "0", count: width - hex.count) + hex
    }

    private mutating func pad(_ count: Int) {
        output += String(repeating: " ", count: count)
    }
}
