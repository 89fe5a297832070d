/// The typing rules for YAML scalars, written to match what Kubernetes does with a manifest.
///
/// Kubernetes reads YAML with sigs.k8s.io/yaml, which resolves plain scalars with go-yaml v2's
/// YAML 1.1 rules and then converts the result to JSON. A manifest must mean the same thing to
/// Flotilla as to the API server, so these rules copy go-yaml v2 rather than YAML 1.2: `on`, `yes`
/// and `y` are booleans, `0777` is octal, `1_000` is an integer. Where go-yaml would produce a
/// value JSON cannot hold (`.inf`, `.nan`), resolution fails, as `kubectl apply` does.
enum YAMLScalarResolver {
    /// What a plain scalar's text denotes, before an explicit tag is applied.
    enum PlainValue: Equatable {
        case null
        case bool(Bool)
        /// An integer within Int64.
        case int(Int64)
        /// A well-formed integer beyond Int64, which go-yaml reads as uint64 and JSON as a number.
        case bigInteger(Double)
        /// A float; may be infinite or NaN (`.inf`, `.nan`), which the caller must reject.
        case float(Double)
        case string
    }

    /// Why a scalar could not be turned into a JSON value; the caller adds the position.
    struct Failure: Error {
        var message: String
    }

    static let tagPrefix = "tag:yaml.org,2002:"
    static let mergeTag = tagPrefix + "merge"

    /// Resolves one scalar. `plain` is false for quoted and block scalars, which are strings
    /// unless a tag says otherwise; `tag` is the full tag (`tag:yaml.org,2002:int`), `!` for the
    /// non-specific tag, or `nil`. The bytes are the scalar's UTF-8 content.
    static func resolve(
        _ bytes: UnsafeBufferPointer<UInt8>, plain: Bool, tag: String?
    ) throws(Failure) -> JSONValue {
        guard let tag else {
            return plain ? try untyped(bytes) : .string(text(bytes))
        }
        switch tag {
        case "!", tagPrefix + "str", tagPrefix + "binary":
            // `!` is YAML's "non-specific" tag: a string. `!!binary` stays base64, as in the JSON form.
            return .string(text(bytes))
        case tagPrefix + "int":
            switch resolvePlain(bytes) {
            case .int(let value): return .int(value)
            case .bigInteger(let value): return .double(value)
            default: throw mismatch(bytes, "!!int")
            }
        case tagPrefix + "float":
            switch resolvePlain(bytes) {
            case .int(let value): return .double(Double(value))
            case .bigInteger(let value): return .double(value)
            case .float(let value): return try finite(value, bytes)
            default: throw mismatch(bytes, "!!float")
            }
        case tagPrefix + "bool":
            guard case .bool(let value) = resolvePlain(bytes) else { throw mismatch(bytes, "!!bool") }
            return .bool(value)
        case tagPrefix + "null":
            guard case .null = resolvePlain(bytes) else { throw mismatch(bytes, "!!null") }
            return .null
        default:
            // Application tags (`!vault`, `!!set`…) mean nothing to Kubernetes: read the text as if
            // the tag were absent, so that the value still has the type its spelling suggests.
            return plain ? try untyped(bytes) : .string(text(bytes))
        }
    }

    /// The JSON value of an untagged plain scalar.
    static func untyped(_ bytes: UnsafeBufferPointer<UInt8>) throws(Failure) -> JSONValue {
        switch resolvePlain(bytes) {
        case .null: return .null
        case .bool(let value): return .bool(value)
        case .int(let value): return .int(value)
        case .bigInteger(let value): return .double(value)
        case .float(let value): return try finite(value, bytes)
        case .string: return .string(text(bytes))
        }
    }

    static func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    private static func finite(_ value: Double, _ bytes: UnsafeBufferPointer<UInt8>) throws(Failure) -> JSONValue {
        guard value.isFinite else {
            throw Failure(
                message: "\(text(bytes)) is not a number JSON can hold (no infinity or NaN); "
                    + "quote it to keep it as a string")
        }
        return .double(value)
    }

    private static func mismatch(_ bytes: UnsafeBufferPointer<UInt8>, _ tag: String) -> Failure {
        Failure(message: "\"\(text(bytes))\" is not a valid \(tag)")
    }

    // MARK: - Plain scalars

    /// The spellings go-yaml v2 resolves by table: YAML 1.1 booleans, nulls and the special floats.
    private static let words: [String: PlainValue] = {
        var table: [String: PlainValue] = [:]
        for word in ["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"] {
            table[word] = .bool(true)
        }
        for word in ["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"] {
            table[word] = .bool(false)
        }
        for word in ["~", "null", "Null", "NULL"] { table[word] = .null }
        for word in [".nan", ".NaN", ".NAN"] { table[word] = .float(.nan) }
        for word in [".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"] { table[word] = .float(.infinity) }
        for word in ["-.inf", "-.Inf", "-.INF"] { table[word] = .float(-.infinity) }
        return table
    }()

    /// Classifies a plain scalar as go-yaml v2's `resolve` does.
    static func resolvePlain(_ bytes: UnsafeBufferPointer<UInt8>) -> PlainValue {
        guard let first = bytes.first else { return .null }
        switch first {
        case UInt8(ascii: "y"), UInt8(ascii: "Y"), UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "t"),
            UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"), UInt8(ascii: "o"), UInt8(ascii: "O"),
            UInt8(ascii: "~"):
            return word(bytes) ?? .string
        case UInt8(ascii: "."):
            if let word = word(bytes) { return word }
            if let value = decimalFloat(bytes) { return .float(value) }
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"):
            if let word = word(bytes) { return word }
            // Timestamps would be tried here; they stay strings, since JSON has no time type.
            guard bytes.contains(UInt8(ascii: "_")) else { return number(bytes) }
            let digits = bytes.filter { $0 != UInt8(ascii: "_") }
            return digits.withUnsafeBufferPointer { number($0) }
        default:
            break
        }
        return .string
    }

    /// A table word; every one is at most five bytes long, so longer text skips the lookup.
    private static func word(_ bytes: UnsafeBufferPointer<UInt8>) -> PlainValue? {
        bytes.count <= 5 ? words[text(bytes)] : nil
    }

    /// An integer, else a float, else a string, for text without `_` separators.
    private static func number(_ bytes: UnsafeBufferPointer<UInt8>) -> PlainValue {
        if let integer = integer(bytes) { return integer }
        if let value = decimalFloat(bytes) { return .float(value) }
        return .string
    }

    /// Go's `strconv.ParseInt(s, 0, 64)`, then `ParseUint` for values beyond Int64: an optional
    /// sign, then `0x`, `0o`, `0b` or a leading `0` (octal) prefix, or decimal digits.
    private static func integer(_ s: UnsafeBufferPointer<UInt8>) -> PlainValue? {
        var index = 0
        let negative = s[0] == UInt8(ascii: "-")
        let signed = negative || s[0] == UInt8(ascii: "+")
        if signed { index = 1 }
        guard index < s.count else { return nil }
        var base: UInt64 = 10
        if s[index] == UInt8(ascii: "0"), index + 1 < s.count {
            switch s[index + 1] | 0x20 {  // lower-case ASCII letters
            case UInt8(ascii: "x") where index + 2 < s.count: base = 16; index += 2
            case UInt8(ascii: "o") where index + 2 < s.count: base = 8; index += 2
            case UInt8(ascii: "b") where index + 2 < s.count: base = 2; index += 2
            default: base = 8; index += 1
            }
        }
        var magnitude: UInt64 = 0
        var overflow = false
        while index < s.count {
            let byte = s[index]
            index += 1
            let digit: UInt64
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt64(byte &- UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt64(byte &- UInt8(ascii: "a") &+ 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt64(byte &- UInt8(ascii: "A") &+ 10)
            default: return nil
            }
            guard digit < base else { return nil }
            let (times, o1) = magnitude.multipliedReportingOverflow(by: base)
            let (sum, o2) = times.addingReportingOverflow(digit)
            overflow = overflow || o1 || o2
            magnitude = sum
        }
        // Out of range: a decimal still reads as a float (below); other bases stay strings.
        if overflow { return nil }
        if negative {
            if magnitude <= UInt64(Int64.max) { return .int(-Int64(magnitude)) }
            if magnitude == UInt64(Int64.max) + 1 { return .int(.min) }
            return nil
        }
        if magnitude <= UInt64(Int64.max) { return .int(Int64(magnitude)) }
        // Go's ParseUint accepts no sign, so `+9223372036854775808` falls through to the float rule.
        return signed ? nil : .bigInteger(Double(magnitude))
    }

    /// go-yaml v2's float rule: `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`, and the
    /// value must be finite (Go's ParseFloat fails on overflow, leaving the text a string).
    private static func decimalFloat(_ s: UnsafeBufferPointer<UInt8>) -> Double? {
        var index = 0
        if s[0] == UInt8(ascii: "+") || s[0] == UInt8(ascii: "-") { index = 1 }
        let integerDigits = skipDigits(s, from: &index)
        if index < s.count, s[index] == UInt8(ascii: ".") {
            index += 1
            let fractionDigits = skipDigits(s, from: &index)
            guard integerDigits > 0 || fractionDigits > 0 else { return nil }
        } else {
            guard integerDigits > 0 else { return nil }
        }
        if index < s.count, s[index] == UInt8(ascii: "e") || s[index] == UInt8(ascii: "E") {
            index += 1
            if index < s.count, s[index] == UInt8(ascii: "+") || s[index] == UInt8(ascii: "-") { index += 1 }
            guard skipDigits(s, from: &index) > 0 else { return nil }
        }
        guard index == s.count, let value = Double(text(s)), value.isFinite else { return nil }
        return value
    }

    private static func skipDigits(_ s: UnsafeBufferPointer<UInt8>, from index: inout Int) -> Int {
        let start = index
        while index < s.count, s[index] &- UInt8(ascii: "0") < 10 { index += 1 }
        return index - start
    }
}
