/// How a string is written in YAML so that it reads back as the same string.
///
/// Plain style is preferred because that is what people write and what `kubectl get -o yaml`
/// prints; but a plain scalar is typed by its spelling, so anything that would read back as a
/// boolean, number or null (`on`, `1.5`, `~`), or that YAML would parse as syntax (`a: b`, `#x`,
/// `- x`), is quoted. Single quotes are used when no escape is needed, double quotes otherwise;
/// multi-line text becomes a literal block when every line survives one unchanged.
enum YAMLStringStyle: Equatable {
    case plain
    case singleQuoted
    case doubleQuoted
    /// `|` when the text ends with one newline, `|-` when it ends with none.
    case literal

    /// The style for a string; `isKey` rules out block styles.
    init(for string: String, isKey: Bool = false) {
        var string = string
        self = string.withUTF8(Self.oneLineStyle) ?? (isKey ? .doubleQuoted : Self.multiline(string))
    }

    /// The style for a one-line string, or `nil` when it has a line break (handled by the caller).
    private static func oneLineStyle(_ utf8: UnsafeBufferPointer<UInt8>) -> YAMLStringStyle? {
        var hasLineBreak = false
        var index = 0
        while index < utf8.count {
            let byte = utf8[index]
            if byte == UInt8(ascii: "\n") {
                hasLineBreak = true
            } else if byte < 0x20 || byte == 0x7F {
                return .doubleQuoted  // tabs too: a quoted `\t` is clearer than a raw tab
            } else if byte >= 0xC2, needsEscape(utf8, at: index) {
                return .doubleQuoted
            }
            index += 1
        }
        if hasLineBreak { return nil }
        return fitsPlain(utf8) ? .plain : .singleQuoted
    }

    private static func multiline(_ string: String) -> YAMLStringStyle {
        fitsLiteral(string) ? .literal : .doubleQuoted
    }

    /// Characters that YAML does not allow raw in a scalar (controls, U+FFFE/FFFF), that it reads
    /// as line breaks (CR, NEL, LS, PS), or that a reader may drop (a byte-order mark).
    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A: return false
        case 0..<0x20, 0x7F...0x9F, 0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF: return true
        default: return false
        }
    }

    /// Whether the multi-byte scalar at `index` is one that `needsEscape`, judged from its UTF-8
    /// bytes: U+0080–U+009F are C2 80–9F, LS and PS are E2 80 A8–A9, the BOM is EF BB BF, and
    /// U+FFFE/U+FFFF are EF BF BE–BF.
    private static func needsEscape(_ utf8: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        guard index + 1 < utf8.count else { return false }
        let second = utf8[index + 1]
        switch utf8[index] {
        case 0xC2: return second <= 0x9F
        case 0xE2:
            guard second == 0x80, index + 2 < utf8.count else { return false }
            return utf8[index + 2] == 0xA8 || utf8[index + 2] == 0xA9
        case 0xEF:
            guard index + 2 < utf8.count else { return false }
            let third = utf8[index + 2]
            return (second == 0xBB && third == 0xBF) || (second == 0xBF && third >= 0xBE)
        default: return false
        }
    }

    static func fitsPlain(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = utf8.first, let last = utf8.last else { return false }
        if first == UInt8(ascii: " ") || last == UInt8(ascii: " ") || last == UInt8(ascii: ":") { return false }
        switch first {
        case UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"),
            UInt8(ascii: "#"), UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"),
            UInt8(ascii: ">"), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"),
            UInt8(ascii: "`"), UInt8(ascii: "?"), UInt8(ascii: ":"):
            return false
        case UInt8(ascii: "-"):
            // `-x` is fine, `- x` is a list item, `---` a document marker.
            if utf8.count == 1 || utf8[1] == UInt8(ascii: " ") || starts(utf8, with: "---") { return false }
        case UInt8(ascii: "."):
            if starts(utf8, with: "...") { return false }
        case UInt8(ascii: "<"):
            if utf8.count == 2, utf8[1] == UInt8(ascii: "<") { return false }  // a merge key
        default:
            break
        }
        var index = 1
        while index < utf8.count {
            // `: ` starts a mapping value and ` #` a comment, anywhere in a plain scalar.
            let (previous, byte) = (utf8[index - 1], utf8[index])
            if previous == UInt8(ascii: ":"), byte == UInt8(ascii: " ") { return false }
            if previous == UInt8(ascii: " "), byte == UInt8(ascii: "#") { return false }
            index += 1
        }
        return YAMLScalarResolver.resolvePlain(utf8) == .string && !looksLikeTimeOrSexagesimal(utf8)
    }

    private static func starts(_ utf8: UnsafeBufferPointer<UInt8>, with prefix: StaticString) -> Bool {
        prefix.withUTF8Buffer { utf8.starts(with: $0) }
    }

    /// Strings that this reader keeps as strings but other YAML 1.1 readers do not: timestamps
    /// (`2024-01-02`, which go-yaml turns into a time) and base-60 numbers (`1:30`, which PyYAML
    /// reads as 90). Quoting them costs nothing and keeps the file portable.
    private static func looksLikeTimeOrSexagesimal(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        if utf8.count >= 8, utf8[0..<4].allSatisfy(isDigit), utf8[4] == UInt8(ascii: "-") { return true }
        let body = utf8.first == UInt8(ascii: "-") || utf8.first == UInt8(ascii: "+") ? utf8.dropFirst() : utf8[...]
        guard let head = body.first, isDigit(head), body.contains(UInt8(ascii: ":")) else { return false }
        return body.allSatisfy { byte in
            isDigit(byte) || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
        }
    }

    /// A literal block keeps every character of its lines, except that it cannot hold trailing
    /// spaces on a line (lines of spaces are taken as indentation), a first line that starts with
    /// a space (it would set the indentation), or more than one final newline without `|+`.
    static func fitsLiteral(_ string: String) -> Bool {
        var lines = string.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        guard lines.last.map({ !$0.isEmpty }) == true else { return false }
        guard let firstContent = lines.first(where: { !$0.isEmpty }), firstContent.first != " " else { return false }
        return !lines.contains { $0.last == " " }
    }
}
