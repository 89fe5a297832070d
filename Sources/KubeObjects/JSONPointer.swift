/// A location inside a JSON document, as RFC 6901 writes it: `/spec/template/metadata/labels`.
///
/// The pointer is kept as its decoded reference tokens, so that code building pointers never has
/// to think about escaping; `description` gives back the escaped text (`~0` for `~`, `~1` for `/`)
/// for error messages and for writing patches back out. The empty pointer is the whole document.
///
/// A token means an object member or an array index depending on what it meets while resolving,
/// which is why `/0` can name the member `"0"` of an object and the first element of an array.
public struct JSONPointer: Sendable, Hashable, CustomStringConvertible {
    /// The decoded reference tokens, outermost first; empty for the whole document.
    public var tokens: [String]

    public init(tokens: [String]) {
        self.tokens = tokens
    }

    /// Parses the escaped form. Rejects text that is not empty and does not start with `/`, and a
    /// `~` that is not followed by `0` or `1`: RFC 6901 gives those no meaning, and guessing one
    /// would make a typo in a patch silently point somewhere else.
    public init(parsing text: String) throws(JSONPointerError) {
        guard !text.isEmpty else {
            self.tokens = []
            return
        }
        guard text.hasPrefix("/") else {
            throw JSONPointerError(pointer: text, message: #"must be empty or start with "/""#)
        }
        var tokens: [String] = []
        for escaped in text.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            tokens.append(try Self.unescape(escaped, in: text))
        }
        self.tokens = tokens
    }

    /// The pointer to the whole document.
    public static let root = JSONPointer(tokens: [])

    public var isRoot: Bool { tokens.isEmpty }

    /// The pointer to the container that holds this location; `nil` for the root.
    public var parent: JSONPointer? {
        isRoot ? nil : JSONPointer(tokens: Array(tokens.dropLast()))
    }

    /// This pointer with one more token at the end.
    public func appending(_ token: String) -> JSONPointer {
        JSONPointer(tokens: tokens + [token])
    }

    /// Whether `other` lies strictly inside the value this pointer names. RFC 6902 forbids moving
    /// a value into one of its own children, and this is the test for that.
    public func isProperPrefix(of other: JSONPointer) -> Bool {
        tokens.count < other.tokens.count && other.tokens.starts(with: tokens)
    }

    /// The escaped form, `""` for the root.
    public var description: String {
        var text = ""
        for token in tokens {
            text += "/"
            text += Self.escape(token)
        }
        return text
    }

    /// The value at this location, or `nil` when any step is missing. `-` resolves to nothing: it
    /// names the slot after the last element, which holds no value.
    public func resolve(in document: JSONValue) -> JSONValue? {
        var current = document
        for token in tokens {
            switch current {
            case .object(let object):
                guard let member = object[token] else { return nil }
                current = member
            case .array(let elements):
                guard let index = Self.arrayIndex(token), index < elements.count else { return nil }
                current = elements[index]
            default:
                return nil
            }
        }
        return current
    }

    /// The array index a token spells: ASCII decimal digits, no sign, and no leading zero (so
    /// `01`, `+1` and `1e0` are not indices, as RFC 6901 section 4 requires). `nil` otherwise,
    /// including for `-`, which callers handle where it is allowed.
    public static func arrayIndex(_ token: String) -> Int? {
        let utf8 = token.utf8
        guard let first = utf8.first, utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            return nil
        }
        if first == UInt8(ascii: "0") && utf8.count > 1 { return nil }
        return Int(token)  // nil when it overflows, and no array is that long anyway
    }

    public static func escape(_ token: String) -> String {
        guard token.contains(where: { $0 == "~" || $0 == "/" }) else { return token }
        var escaped = ""
        for character in token {
            switch character {
            case "~": escaped += "~0"
            case "/": escaped += "~1"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// Decodes in one left-to-right pass, so `~01` becomes `~1` and not `/`.
    static func unescape(_ escaped: Substring, in pointer: String) throws(JSONPointerError) -> String {
        guard escaped.contains("~") else { return String(escaped) }
        var token = ""
        var iterator = escaped.makeIterator()
        while let character = iterator.next() {
            guard character == "~" else {
                token.append(character)
                continue
            }
            switch iterator.next() {
            case "0": token.append("~")
            case "1": token.append("/")
            default: throw JSONPointerError(pointer: pointer, message: #""~" must be followed by "0" or "1""#)
            }
        }
        return token
    }
}

/// Why a string is not a JSON pointer.
public struct JSONPointerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The text that was given, unchanged.
    public var pointer: String
    public var message: String

    public init(pointer: String, message: String) {
        self.pointer = pointer
        self.message = message
    }

    public var description: String {
        "invalid JSON pointer \"\(pointer)\": \(message)"
    }
}
