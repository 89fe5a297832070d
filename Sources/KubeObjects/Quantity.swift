/// A Kubernetes resource quantity: `500m` CPUs, `1.5Gi` of memory, `8` GPUs.
///
/// Placement compares requests against capacity, so the arithmetic must be exact: with binary
/// floating point `0.1` CPU is not 100 millicores, and a request can fail to fit a node it
/// exactly fills. A quantity is therefore kept as a sign, its significant decimal digits and a
/// power of ten. Binary suffixes (`Ki` … `Ei`) are multiplied out into decimal digits when
/// parsed, which is exact because every power of two has a finite decimal expansion.
///
/// Two quantities are equal when they are the same number (`1Ki == 1024`, `0.5 == 500m`); the
/// text they were written as is kept for printing, since what a user wrote reads better back to
/// them than a canonical form picked by the program.
public struct Quantity: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Whether the number is below zero; `false` for zero.
    private(set) var negative: Bool
    /// Significant decimal digits (values 0 to 9), no leading or trailing zero; empty for zero.
    private(set) var digits: [UInt8]
    /// The number is `digits × 10^exponent`, with the sign above.
    private(set) var exponent: Int
    /// The text as written, or the integer's decimal form.
    public let description: String

    /// Parses the Kubernetes quantity grammar:
    /// an optional sign; digits with an optional decimal point (`1`, `1.5`, `.5`, `5.`); then a
    /// suffix: none, a decimal SI prefix (`n u m k M G T P E`), a binary SI prefix
    /// (`Ki Mi Gi Ti Pi Ei`), or a decimal exponent (`e3`, `E-1`). Nothing else is accepted, not
    /// even spaces: Kubernetes rejects `1 Gi` and `1mi`, and a typo must fail here, not later.
    public init(parsing text: String) throws(QuantityError) {
        let bytes = Array(text.utf8)
        func failure(_ message: String) -> QuantityError { QuantityError(text: text, message: message) }
        var position = 0
        var negative = false
        if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
            negative = bytes[position] == UInt8(ascii: "-")
            position += 1
        }
        var digits: [UInt8] = []
        var fractionDigits = 0
        var sawPoint = false
        while position < bytes.count {
            let byte = bytes[position]
            if let digit = Self.digit(byte) {
                digits.append(digit)
                if sawPoint { fractionDigits += 1 }
            } else if byte == UInt8(ascii: "."), !sawPoint {
                sawPoint = true
            } else {
                break
            }
            position += 1
        }
        guard !digits.isEmpty else {
            throw failure(text.isEmpty ? "empty" : "missing the number before the suffix")
        }
        let suffix = String(decoding: bytes[position...], as: UTF8.self)
        guard let exponents = Self.suffixExponents(suffix) else {
            throw failure("unknown suffix \"\(suffix)\"; expected one of n u m k M G T P E Ki Mi Gi Ti Pi Ei, or an exponent like e3")
        }
        self.init(
            negative: negative, digits: digits, exponent: exponents.decimal - fractionDigits,
            binaryExponent: exponents.binary, text: text
        )
    }

    public init(_ value: Int64) {
        var digits: [UInt8] = []
        for character in String(value.magnitude).utf8 { digits.append(character - UInt8(ascii: "0")) }
        self.init(negative: value < 0, digits: digits, exponent: 0, binaryExponent: 0, text: String(value))
    }

    /// A quantity from a manifest field. Kubernetes accepts `cpu: 2` and `cpu: "2"` alike, and
    /// `cpu: 0.5`; a non-integer number is read through its shortest decimal text, which is the
    /// text the user wrote for any number of up to 15 significant digits. `nil` for anything else.
    public init?(json: JSONValue) {
        switch json {
        case .int(let value):
            self.init(value)
        case .double(let value):
            guard value.isFinite, let quantity = try? Quantity(parsing: "\(value)") else { return nil }
            self = quantity
        case .string(let text):
            guard let quantity = try? Quantity(parsing: text) else { return nil }
            self = quantity
        default:
            return nil
        }
    }

    /// The value rounded to an integer away from zero when it has a fraction, as Go's
    /// `resource.Quantity.Value()` does: `100m` is 1, `1.5` is 2, `-1.5` is -2. Saturates at
    /// `Int64.max` and `Int64.min`.
    public var value: Int64 { scaledValue(thousandths: false) }

    /// The value in thousandths, rounded away from zero like `Value()`: Go's `MilliValue()`.
    /// `100m` and `0.1` are both exactly 100; `1n` is 1.
    public var milliValue: Int64 { scaledValue(thousandths: true) }

    /// Whether the quantity is exactly zero.
    public var isZero: Bool { digits.isEmpty }

    // MARK: Equality and order, by numeric value

    public static func == (lhs: Quantity, rhs: Quantity) -> Bool {
        lhs.negative == rhs.negative && lhs.exponent == rhs.exponent && lhs.digits == rhs.digits
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(negative)
        hasher.combine(exponent)
        hasher.combine(digits)
    }

    public static func < (lhs: Quantity, rhs: Quantity) -> Bool {
        if lhs.signum != rhs.signum { return lhs.signum < rhs.signum }
        let order = compareMagnitudes(lhs, rhs)
        return lhs.negative ? order > 0 : order < 0
    }

    // MARK: Internals

    /// Normalizes: multiplies out `2^binaryExponent`, then drops leading and trailing zeros.
    init(negative: Bool, digits: [UInt8], exponent: Int, binaryExponent: Int, text: String) {
        var digits = Array(digits.drop(while: { $0 == 0 }))
        var exponent = exponent
        for _ in 0..<(binaryExponent / 10) { Self.multiply(&digits, by: 1024) }
        while digits.last == 0 {
            digits.removeLast()
            exponent += 1
        }
        self.negative = negative && !digits.isEmpty
        self.digits = digits
        self.exponent = digits.isEmpty ? 0 : exponent
        self.description = text
    }

    private var signum: Int { digits.isEmpty ? 0 : (negative ? -1 : 1) }

    /// `value` or `milliValue`. Digits past the units (or thousandths) place are all dropped and
    /// one unit is added away from zero when any of them was not zero; since `digits` has no
    /// trailing zeros, "any digit past the place" is the whole test.
    private func scaledValue(thousandths: Bool) -> Int64 {
        guard !digits.isEmpty else { return 0 }
        let saturated: Int64 = negative ? .min : .max
        let integerDigits = digits.count + exponent + (thousandths ? 3 : 0)
        guard integerDigits <= 19 else { return saturated }  // at least 10^19, past Int64
        var magnitude: UInt64 = 0
        for place in 0..<max(integerDigits, 0) {
            let digit = place < digits.count ? UInt64(digits[place]) : 0
            magnitude = magnitude * 10 + digit  // below 10^19 < 2^64: cannot overflow
        }
        if integerDigits < digits.count { magnitude += 1 }
        if negative {
            return magnitude >= UInt64(1) << 63 ? .min : -Int64(magnitude)
        }
        return magnitude > UInt64(Int64.max) ? .max : Int64(magnitude)
    }

    private static func compareMagnitudes(_ lhs: Quantity, _ rhs: Quantity) -> Int {
        // Both are non-zero with the same sign here. The leading digit's place decides first.
        let lhsPlace = lhs.digits.count + lhs.exponent
        let rhsPlace = rhs.digits.count + rhs.exponent
        if lhsPlace != rhsPlace { return lhsPlace < rhsPlace ? -1 : 1 }
        for (left, right) in zip(lhs.digits, rhs.digits) where left != right {
            return left < right ? -1 : 1
        }
        return lhs.digits.count == rhs.digits.count ? 0 : (lhs.digits.count < rhs.digits.count ? -1 : 1)
    }

    /// Multiplies a most-significant-first decimal digit array by a small factor.
    private static func multiply(_ digits: inout [UInt8], by factor: Int) {
        var carry = 0
        for index in digits.indices.reversed() {
            let product = Int(digits[index]) * factor + carry
            digits[index] = UInt8(product % 10)
            carry = product / 10
        }
        var head: [UInt8] = []
        while carry > 0 {
            head.append(UInt8(carry % 10))
            carry /= 10
        }
        digits.insert(contentsOf: head.reversed(), at: 0)
    }

    private static func digit(_ byte: UInt8) -> UInt8? {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? byte - UInt8(ascii: "0") : nil
    }

    /// The powers of ten and of two a suffix stands for; `nil` for an unknown suffix.
    private static func suffixExponents(_ suffix: String) -> (decimal: Int, binary: Int)? {
        switch suffix {
        case "": return (0, 0)
        case "n": return (-9, 0)
        case "u": return (-6, 0)
        case "m": return (-3, 0)
        case "k": return (3, 0)
        case "M": return (6, 0)
        case "G": return (9, 0)
        case "T": return (12, 0)
        case "P": return (15, 0)
        case "E": return (18, 0)
        case "Ki": return (0, 10)
        case "Mi": return (0, 20)
        case "Gi": return (0, 30)
        case "Ti": return (0, 40)
        case "Pi": return (0, 50)
        case "Ei": return (0, 60)
        default: return decimalExponent(suffix).map { ($0, 0) }
        }
    }

    /// `e3`, `E-1`, `e+06`. The exponent is clamped to a billion either way: past that every
    /// value saturates or rounds to one unit already, and clamping keeps the arithmetic in range.
    private static func decimalExponent(_ suffix: String) -> Int? {
        var bytes = suffix.utf8[...]
        guard let marker = bytes.popFirst(), marker == UInt8(ascii: "e") || marker == UInt8(ascii: "E") else {
            return nil
        }
        var sign = 1
        if let first = bytes.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            sign = first == UInt8(ascii: "-") ? -1 : 1
            bytes.removeFirst()
        }
        guard !bytes.isEmpty else { return nil }
        var magnitude = 0
        for byte in bytes {
            guard let digit = digit(byte) else { return nil }
            magnitude = min(magnitude * 10 + Int(digit), 1_000_000_000)
        }
        return sign * magnitude
    }
}

/// Why a string is not a resource quantity.
public struct QuantityError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The text that was given, unchanged.
    public var text: String
    public var message: String

    public init(text: String, message: String) {
        self.text = text
        self.message = message
    }

    public var description: String { "invalid quantity \"\(text)\": \(message)" }
}
