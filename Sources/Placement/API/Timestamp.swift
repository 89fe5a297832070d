/// A point in wall-clock time as nanoseconds since the Unix epoch (`metav1.Time`): how the pure engine
/// receives "now", how it reads RFC 3339 times from objects (`validUntil`, `deletionTimestamp`,
/// condition transition times), and what auto-migration compares with thresholds (kubeadmiral-planner.md
/// §3). The engine never reads a clock; callers pass one of these in.
///
/// `Int64` nanoseconds span 1677-09-21 to 2262-04-11. Later or earlier times, such as a `validUntil` of
/// `9999-12-31T23:59:59Z`, are clamped to the nearest end, which keeps every comparison with a realistic
/// "now" the same as with the exact time. Arithmetic clamps the same way.
public struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var nanosecondsSinceEpoch: Int64

    static let nanosecondsPerSecond: Int64 = 1_000_000_000

    public init(nanosecondsSinceEpoch: Int64) {
        self.nanosecondsSinceEpoch = nanosecondsSinceEpoch
    }

    public init(secondsSinceEpoch: Int64) {
        self.init(seconds: secondsSinceEpoch, nanoseconds: 0)
    }

    /// `seconds` plus `nanoseconds`, clamped to what `Int64` nanoseconds hold.
    init(seconds: Int64, nanoseconds: Int64) {
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: Self.nanosecondsPerSecond)
        let (total, carry) = scaled.addingReportingOverflow(nanoseconds)
        nanosecondsSinceEpoch = overflow || carry ? (seconds < 0 ? .min : .max) : total
    }

    /// Whole seconds since the epoch, rounded down (so a fraction before the epoch counts from the second
    /// before it).
    public var secondsSinceEpoch: Int64 {
        let (quotient, remainder) = nanosecondsSinceEpoch.quotientAndRemainder(dividingBy: Self.nanosecondsPerSecond)
        return remainder < 0 ? quotient - 1 : quotient
    }

    /// The nanoseconds past `secondsSinceEpoch`, in `0..<1_000_000_000`.
    var fractionNanoseconds: Int64 {
        nanosecondsSinceEpoch &- secondsSinceEpoch &* Self.nanosecondsPerSecond
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.nanosecondsSinceEpoch < rhs.nanosecondsSinceEpoch
    }

    /// `duration` later, to the nanosecond (finer parts are dropped, toward zero).
    public static func + (lhs: Timestamp, rhs: Duration) -> Timestamp {
        let (seconds, attoseconds) = rhs.components
        let sum = Timestamp(seconds: seconds, nanoseconds: attoseconds / 1_000_000_000)
        let (total, overflow) = lhs.nanosecondsSinceEpoch.addingReportingOverflow(sum.nanosecondsSinceEpoch)
        return Timestamp(nanosecondsSinceEpoch: overflow ? (total < 0 ? .max : .min) : total)
    }

    /// `duration` earlier.
    public static func - (lhs: Timestamp, rhs: Duration) -> Timestamp {
        lhs + (.zero - rhs)
    }

    /// The time from `rhs` to `lhs`.
    public static func - (lhs: Timestamp, rhs: Timestamp) -> Duration {
        .seconds(lhs.secondsSinceEpoch - rhs.secondsSinceEpoch)
            + .nanoseconds(lhs.fractionNanoseconds - rhs.fractionNanoseconds)
    }

    /// Parses RFC 3339 (`2026-11-23T10:00:00Z`, `2026-11-23T12:00:00.5+02:00`), keeping fractional
    /// seconds to the nanosecond; further digits are dropped, as Go's `time.Parse` does.
    public init?(rfc3339 text: String) {
        let chars = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int64? {
            guard range.upperBound <= chars.count else { return nil }
            var value: Int64 = 0
            for c in chars[range] {
                guard c >= 48, c <= 57 else { return nil }
                value = value * 10 + Int64(c - 48)
            }
            return value
        }
        guard chars.count >= 20, chars[4] == UInt8(ascii: "-"), chars[7] == UInt8(ascii: "-"),
            chars[10] == UInt8(ascii: "T") || chars[10] == UInt8(ascii: "t"),
            chars[13] == UInt8(ascii: ":"), chars[16] == UInt8(ascii: ":"),
            let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
            (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        var index = 19
        var fraction: Int64 = 0
        if chars[index] == UInt8(ascii: ".") {
            index += 1
            let digitsStart = index
            var scale = Self.nanosecondsPerSecond
            while index < chars.count, chars[index] >= 48, chars[index] <= 57 {
                scale /= 10
                fraction += Int64(chars[index] - 48) * scale
                index += 1
            }
            guard index > digitsStart else { return nil }
        }
        guard index < chars.count else { return nil }
        var offset: Int64 = 0
        switch chars[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard index + 1 == chars.count else { return nil }
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard index + 6 == chars.count, chars[index + 3] == UInt8(ascii: ":"),
                let hours = number((index + 1)..<(index + 3)), let minutes = number((index + 4)..<(index + 6))
            else { return nil }
            offset = (hours * 3600 + minutes * 60) * (chars[index] == UInt8(ascii: "-") ? -1 : 1)
        default: return nil
        }
        let days = Self.daysFromCivil(year: year, month: month, day: day)
        self.init(seconds: days * 86_400 + hour * 3600 + minute * 60 + second - offset, nanoseconds: fraction)
    }

    /// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's civil algorithm).
    static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// RFC 3339 in UTC; a fraction, when there is one, without trailing zeros (Go's `RFC3339Nano`).
    public var description: String {
        let seconds = secondsSinceEpoch
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondsOfDay = seconds - days * 86_400
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let hour = secondsOfDay / 3600, minute = (secondsOfDay / 60) % 60, second = secondsOfDay % 60
        return "\(year)-\(two(month))-\(two(day))T\(two(hour)):\(two(minute)):\(two(second))\(fractionText)Z"
    }

    /// `.5`, `.123456789`, or nothing for a whole second.
    private var fractionText: String {
        var fraction = fractionNanoseconds
        if fraction == 0 { return "" }
        var digits = 9
        while fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        let text = String(fraction)
        return "." + String(repeating: "0", count: digits - text.count) + text
    }
}
