/// Go's `time.ParseDuration` syntax, which Kubernetes uses for `metav1.Duration` fields such as
/// `autoMigration.when.podUnschedulableFor`: an optional sign, then one or more decimal numbers
/// (with optional fraction) each followed by a unit `ns`, `us`, `µs`, `ms`, `s`, `m` or `h`.
/// A bare `0` is allowed.
public enum GoDuration {
    public static func parse(_ text: String) -> Duration? {
        var scalars = Array(text.unicodeScalars)
        var negative = false
        if let first = scalars.first, first == "-" || first == "+" {
            negative = first == "-"
            scalars.removeFirst()
        }
        if scalars == ["0"] { return .zero }
        guard !scalars.isEmpty else { return nil }

        var totalNanoseconds: Double = 0
        var index = 0
        while index < scalars.count {
            let numberStart = index
            while index < scalars.count, scalars[index] == "." || ("0"..."9").contains(scalars[index]) { index += 1 }
            let number = String(String.UnicodeScalarView(scalars[numberStart..<index]))
            guard !number.isEmpty, number != ".", number.filter({ $0 == "." }).count <= 1,
                let amount = Double(number.hasPrefix(".") ? "0" + number : number)
            else { return nil }
            let unitStart = index
            while index < scalars.count, !(scalars[index] == "." || ("0"..."9").contains(scalars[index])) { index += 1 }
            let unit = String(String.UnicodeScalarView(scalars[unitStart..<index]))
            guard let scale = unitNanoseconds[unit] else { return nil }
            totalNanoseconds += amount * scale
        }
        guard totalNanoseconds < 9.2e18 else { return nil }
        let nanoseconds = Int64(totalNanoseconds.rounded(.towardZero))
        return .nanoseconds(negative ? -nanoseconds : nanoseconds)
    }

    /// Formats like Go's `Duration.String()` (`2m0s`, `1h30m0s`, `500ms`), which is how
    /// KubeAdmiral writes the threshold annotation.
    public static func format(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        var nanoseconds = seconds * 1_000_000_000 + attoseconds / 1_000_000_000
        if nanoseconds == 0 { return "0s" }
        let sign = nanoseconds < 0 ? "-" : ""
        nanoseconds = abs(nanoseconds)
        if nanoseconds < 1_000_000_000 {
            if nanoseconds < 1_000 { return "\(sign)\(nanoseconds)ns" }
            if nanoseconds < 1_000_000 { return sign + fraction(nanoseconds, 1_000) + "µs" }
            return sign + fraction(nanoseconds, 1_000_000) + "ms"
        }
        let hours = nanoseconds / 3_600_000_000_000
        let minutes = (nanoseconds / 60_000_000_000) % 60
        let secondsPart = fraction(nanoseconds % 60_000_000_000, 1_000_000_000) + "s"
        if hours > 0 { return "\(sign)\(hours)h\(minutes)m\(secondsPart)" }
        if minutes > 0 { return "\(sign)\(minutes)m\(secondsPart)" }
        return sign + secondsPart
    }

    private static func fraction(_ value: Int64, _ unit: Int64) -> String {
        let whole = value / unit
        let rest = value % unit
        guard rest > 0 else { return "\(whole)" }
        var digits = String(rest)
        digits = String(repeating: "0", count: String(unit).count - 1 - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return "\(whole).\(digits)"
    }

    private static let unitNanoseconds: [String: Double] = [
        "ns": 1, "us": 1_000, "µs": 1_000, "μs": 1_000, "ms": 1_000_000,
        "s": 1_000_000_000, "m": 60_000_000_000, "h": 3_600_000_000_000,
    ]
}
