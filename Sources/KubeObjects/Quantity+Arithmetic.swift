/// Exact sums and differences of quantities: a cluster's capacity is the sum of its nodes'
/// allocatable resources, and what is left is that sum minus the pods' requests. Done in decimal
/// digits, like the rest of `Quantity`, so `100m` three times is `300m`, never `0.30000000000000004`.
///
/// A result is printed in a canonical form rather than as either operand was written: with a
/// binary suffix (`48Gi`) when an operand used one and the value is a whole multiple of 1024,
/// otherwise with the largest decimal suffix that keeps it whole (`4`, `1500m`, `2k`), as
/// Kubernetes writes quantities it computes.
///
/// Caveat: aligning two operands whose decimal places lie more than `maximumAlignment` digits
/// apart (`1e999999999 + 1`, possible only with a pathological exponent) would need that many
/// digits; the sum is then the operand of larger magnitude, the other being lost in rounding.
extension Quantity {
    /// How many decimal places an operand may be shifted to line it up with the other.
    static let maximumAlignment = 4096

    public static let zero = Quantity(0)

    /// `-self`, printed as its canonical form with a minus sign.
    public var negated: Quantity {
        guard !isZero else { return self }
        return Quantity.canonical(negative: !negative, digits: digits, exponent: exponent, binary: usesBinarySuffix)
    }

    public static func + (lhs: Quantity, rhs: Quantity) -> Quantity {
        if rhs.isZero { return lhs }
        if lhs.isZero { return rhs }
        let exponent = min(lhs.exponent, rhs.exponent)
        let binary = lhs.usesBinarySuffix || rhs.usesBinarySuffix
        guard max(lhs.exponent, rhs.exponent) - exponent <= maximumAlignment else {
            let larger = magnitudeIsLess(lhs, rhs) ? rhs : lhs
            return canonical(
                negative: larger.negative, digits: larger.digits, exponent: larger.exponent, binary: binary)
        }
        let left = lhs.digits + Array(repeating: 0, count: lhs.exponent - exponent)
        let right = rhs.digits + Array(repeating: 0, count: rhs.exponent - exponent)
        if lhs.negative == rhs.negative {
            return canonical(negative: lhs.negative, digits: addDigits(left, right), exponent: exponent, binary: binary)
        }
        // Opposite signs: the larger magnitude minus the smaller, with the larger one's sign.
        let leftIsSmaller = left.count != right.count ? left.count < right.count : left.lexicographicallyPrecedes(right)
        let (large, small, negative) = leftIsSmaller ? (right, left, rhs.negative) : (left, right, lhs.negative)
        return canonical(negative: negative, digits: subtractDigits(large, small), exponent: exponent, binary: binary)
    }

    public static func - (lhs: Quantity, rhs: Quantity) -> Quantity { lhs + rhs.negated }

    public static func += (lhs: inout Quantity, rhs: Quantity) { lhs = lhs + rhs }

    public static func -= (lhs: inout Quantity, rhs: Quantity) { lhs = lhs - rhs }

    // MARK: Internals

    /// Whether the text was written with `Ki` … `Ei`, which a sum keeps when it can.
    var usesBinarySuffix: Bool { description.hasSuffix("i") }

    private static func magnitudeIsLess(_ lhs: Quantity, _ rhs: Quantity) -> Bool {
        let lhsPlace = lhs.digits.count + lhs.exponent
        let rhsPlace = rhs.digits.count + rhs.exponent
        if lhsPlace != rhsPlace { return lhsPlace < rhsPlace }
        return lhs.digits.lexicographicallyPrecedes(rhs.digits)
    }

    /// Sum of two most-significant-first digit arrays.
    private static func addDigits(_ lhs: [UInt8], _ rhs: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(max(lhs.count, rhs.count) + 1)
        var carry: UInt8 = 0
        var left = lhs.count - 1
        var right = rhs.count - 1
        while left >= 0 || right >= 0 || carry > 0 {
            let sum = (left >= 0 ? lhs[left] : 0) + (right >= 0 ? rhs[right] : 0) + carry
            result.append(sum % 10)
            carry = sum / 10
            left -= 1
            right -= 1
        }
        return result.reversed()
    }

    /// `large - small` for most-significant-first digit arrays with `large >= small`.
    private static func subtractDigits(_ large: [UInt8], _ small: [UInt8]) -> [UInt8] {
        var result = large
        var borrow: Int = 0
        var index = large.count - 1
        var smallIndex = small.count - 1
        while index >= 0 {
            var difference = Int(large[index]) - borrow - (smallIndex >= 0 ? Int(small[smallIndex]) : 0)
            borrow = difference < 0 ? 1 : 0
            if difference < 0 { difference += 10 }
            result[index] = UInt8(difference)
            index -= 1
            smallIndex -= 1
        }
        return result
    }

    /// The normalized quantity with its canonical text.
    private static func canonical(negative: Bool, digits: [UInt8], exponent: Int, binary: Bool) -> Quantity {
        let value = Quantity(negative: negative, digits: digits, exponent: exponent, binaryExponent: 0, text: "")
        return Quantity(
            negative: value.negative, digits: value.digits, exponent: value.exponent, binaryExponent: 0,
            text: value.canonicalText(binary: binary))
    }

    /// The text of a normalized value; see the type's comment for the form.
    private func canonicalText(binary: Bool) -> String {
        guard !digits.isEmpty else { return "0" }
        let sign = negative ? "-" : ""
        if binary, exponent >= 0, digits.count + exponent <= 40 {
            var whole = digits + Array(repeating: 0, count: exponent)
            var power = 0
            while power < 6, let quotient = Self.divideExactly(whole, by: 1024) {
                whole = quotient
                power += 1
            }
            if power > 0 { return sign + Self.text(whole) + ["Ki", "Mi", "Gi", "Ti", "Pi", "Ei"][power - 1] }
        }
        if exponent >= 0 {
            let power = min(exponent / 3, 6)
            let padding = exponent - 3 * power
            guard padding <= 30 else { return sign + Self.text(digits) + "e\(exponent)" }
            let suffix = ["", "k", "M", "G", "T", "P", "E"][power]
            return sign + Self.text(digits + Array(repeating: 0, count: padding)) + suffix
        }
        guard exponent >= -9 else { return sign + Self.text(digits) + "e\(exponent)" }
        let power = (-exponent + 2) / 3  // 1: milli, 2: micro, 3: nano
        let padding = exponent + 3 * power
        return sign + Self.text(digits + Array(repeating: 0, count: padding)) + ["m", "u", "n"][power - 1]
    }

    /// `digits / divisor` when it divides exactly (no leading zeros in the quotient), else `nil`.
    private static func divideExactly(_ digits: [UInt8], by divisor: Int) -> [UInt8]? {
        var quotient: [UInt8] = []
        var remainder = 0
        for digit in digits {
            remainder = remainder * 10 + Int(digit)
            let next = UInt8(remainder / divisor)
            if !(quotient.isEmpty && next == 0) { quotient.append(next) }
            remainder %= divisor
        }
        return remainder == 0 && !quotient.isEmpty ? quotient : nil
    }

    private static func text(_ digits: [UInt8]) -> String {
        String(decoding: digits.map { $0 + UInt8(ascii: "0") }, as: UTF8.self)
    }
}
