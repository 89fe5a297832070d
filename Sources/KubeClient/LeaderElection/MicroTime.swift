#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `metav1.MicroTime` as the API server writes it: RFC 3339 in UTC with exactly six fractional
/// digits (`2026-01-01T00:00:00.000000Z`), the format of a Lease's `acquireTime` and `renewTime`.
///
/// Only formatting is needed: an elector never interprets another holder's timestamps (its clock
/// may be skewed from ours), it only notices that they changed.
enum MicroTime {
    /// Formats a calendar time given as a duration since the Unix epoch. Times before the epoch
    /// are written as the epoch; they do not occur on a sane clock.
    static func format(sinceEpoch: Duration) -> String {
        let (seconds, attoseconds) = sinceEpoch.components
        guard seconds >= 0, attoseconds >= 0 else { return "1970-01-01T00:00:00.000000Z" }
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        let microseconds = Int(attoseconds / 1_000_000_000_000)
        return padded(Int(parts.tm_year) + 1900, 4) + "-" + padded(Int(parts.tm_mon) + 1, 2) + "-"
            + padded(Int(parts.tm_mday), 2) + "T" + padded(Int(parts.tm_hour), 2) + ":" + padded(Int(parts.tm_min), 2)
            + ":" + padded(Int(parts.tm_sec), 2) + "." + padded(microseconds, 6) + "Z"
    }

    private static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(width - digits.count, 0)) + digits
    }
}
