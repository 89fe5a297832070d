import KubeObjects

/// A Kubernetes resource list (`status.resources.allocatable`, a container's `requests`), kept as
/// written and read through `ResourceQuantities`, the one place that turns a quantity into a number.
public struct ResourceList: Sendable, Hashable {
    /// Resource name to the quantity as written (`"24"`, `"96Gi"`, `500m`, or a JSON number).
    public var raw: [String: JSONValue]

    public init(raw: [String: JSONValue] = [:]) {
        self.raw = raw
    }

    public func contains(_ resource: String) -> Bool { raw[resource] != nil }

    /// The quantity in whole units, rounded up (`Quantity.Value()`); `nil` when absent.
    public func value(of resource: String) -> Int64? {
        raw[resource].flatMap(ResourceQuantities.amount)?.value
    }

    /// The quantity in thousandths, rounded up (`Quantity.MilliValue()`, how CPU is counted).
    public func milliValue(of resource: String) -> Int64? {
        raw[resource].flatMap(ResourceQuantities.amount)?.milliValue
    }

    /// Decodes a resource-list field, checking every quantity so that a typo is reported with
    /// its path (`status.resources.allocatable[nvidia.com/gpu]`) rather than read as zero later.
    static func decode(_ reader: FieldReader) throws(PolicyError) -> ResourceList {
        guard let object = try reader.requireObject() else { return ResourceList() }
        var raw: [String: JSONValue] = [:]
        for (name, value) in object {
            guard ResourceQuantities.amount(value) != nil else {
                throw reader.entry(name).error("invalid quantity \(value.quotedForMessage): use a number with an optional suffix, such as 2, 500m or 96Gi")
            }
            raw[name] = value
        }
        return ResourceList(raw: raw)
    }
}

/// Turns a quantity into integers.
///
/// STOPGAP: `KubeObjects.Quantity` (branch `patch`) will replace the parser below; this enum is the
/// only caller to switch (`Quantity(json:)` then `.value` / `.milliValue`). Until then it reads the
/// Kubernetes quantity grammar — a signed decimal, then a binary suffix (`Ki`…`Ei`), a decimal
/// suffix (`n`, `u`, `m`, `k`, `M`…`E`) or an exponent (`e3`) — and rounds up, saturating at
/// `Int64.max`.
enum ResourceQuantities {
    static func amount(_ json: JSONValue) -> (value: Int64, milliValue: Int64)? {
        switch json {
        case .int(let int):
            return (int, int.multipliedReportingOverflow(by: 1000).overflow ? .max : int * 1000)
        case .double(let double):
            return (saturatingCeil(double), saturatingCeil(double * 1000))
        case .string(let text):
            guard let parsed = parse(text) else { return nil }
            return (scaled(parsed, by: 0), scaled(parsed, by: 3))
        default:
            return nil
        }
    }

    /// `digits × 10^exponent10 × 2^exponent2`, negated when `negative`.
    private struct Parsed {
        var negative: Bool
        var digits: Int64
        var exponent10: Int
        var exponent2: Int
    }

    private static let decimalSuffixes: [String: Int] = [
        "n": -9, "u": -6, "m": -3, "": 0, "k": 3, "M": 6, "G": 9, "T": 12, "P": 15, "E": 18,
    ]
    private static let binarySuffixes: [String: Int] = ["Ki": 10, "Mi": 20, "Gi": 30, "Ti": 40, "Pi": 50, "Ei": 60]

    private static func parse(_ text: String) -> Parsed? {
        var scalars = Substring(text)
        var negative = false
        if let sign = scalars.first, sign == "+" || sign == "-" {
            negative = sign == "-"
            scalars.removeFirst()
        }
        var digits: Int64 = 0
        var exponent10 = 0
        var sawDigit = false
        var inFraction = false
        while let c = scalars.first, c.isASCII, c.isNumber || c == "." {
            scalars.removeFirst()
            if c == "." {
                if inFraction { return nil }
                inFraction = true
                continue
            }
            sawDigit = true
            let (times10, overflow1) = digits.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(Int64(c.wholeNumberValue!))
            if overflow1 || overflow2 {
                // Too many significant digits: drop the rest of the integer part into the exponent.
                if !inFraction { exponent10 += 1 }
                continue
            }
            digits = sum
            if inFraction { exponent10 -= 1 }
        }
        guard sawDigit else { return nil }
        let suffix = String(scalars)
        if let power = binarySuffixes[suffix] {
            return Parsed(negative: negative, digits: digits, exponent10: exponent10, exponent2: power)
        }
        if let power = decimalSuffixes[suffix] {
            return Parsed(negative: negative, digits: digits, exponent10: exponent10 + power, exponent2: 0)
        }
        if let first = suffix.first, first == "e" || first == "E", let power = Int(suffix.dropFirst()),
            abs(power) < 1000
        {
            return Parsed(negative: negative, digits: digits, exponent10: exponent10 + power, exponent2: 0)
        }
        return nil
    }

    /// `parsed × 10^extra10`, rounded up to an integer.
    private static func scaled(_ parsed: Parsed, by extra10: Int) -> Int64 {
        var value = parsed.digits
        for _ in 0..<parsed.exponent2 { value = saturatingMultiply(value, 2) }
        let exponent = parsed.exponent10 + extra10
        if exponent >= 0 {
            for _ in 0..<min(exponent, 20) { value = saturatingMultiply(value, 10) }
            if exponent > 20, value != 0 { value = .max }
            return parsed.negative ? -value : value
        }
        guard -exponent <= 18 else {
            return value == 0 || parsed.negative ? 0 : 1
        }
        var divisor: Int64 = 1
        for _ in 0..<(-exponent) { divisor *= 10 }
        let (quotient, remainder) = value.quotientAndRemainder(dividingBy: divisor)
        if parsed.negative { return -quotient }
        return remainder > 0 ? quotient + 1 : quotient
    }

    private static func saturatingMultiply(_ a: Int64, _ b: Int64) -> Int64 {
        let (product, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow ? .max : product
    }

    private static func saturatingCeil(_ double: Double) -> Int64 {
        let rounded = double.rounded(.up)
        if rounded >= 9.2e18 { return .max }
        if rounded <= -9.2e18 { return .min }
        return Int64(rounded)
    }
}

extension JSONValue {
    /// The value as it would appear in a message: strings quoted, others by type.
    var quotedForMessage: String {
        switch self {
        case .string(let string): return "\"\(string)\""
        case .int(let int): return String(int)
        case .double(let double): return String(double)
        default: return typeName
        }
    }
}
