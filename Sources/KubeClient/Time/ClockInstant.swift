/// A point on a monotonic timeline, measured from an origin that its clock fixes.
///
/// The client layer reads time only through a `KubeClock`, so that tests can run work-queue delays,
/// watch backoff and leader-election leases on virtual time. Instants from different clocks share
/// no origin and must not be compared.
public struct ClockInstant: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Time elapsed since the clock's origin.
    public var offset: Duration

    public init(offset: Duration) { self.offset = offset }

    /// The origin of a clock's timeline; a `ManualClock` starts here unless told otherwise.
    public static let zero = ClockInstant(offset: .zero)

    public static func < (lhs: ClockInstant, rhs: ClockInstant) -> Bool { lhs.offset < rhs.offset }

    public static func + (lhs: ClockInstant, rhs: Duration) -> ClockInstant {
        ClockInstant(offset: lhs.offset + rhs)
    }

    /// The time from `rhs` to `lhs`; negative when `lhs` is earlier.
    public static func - (lhs: ClockInstant, rhs: ClockInstant) -> Duration { lhs.offset - rhs.offset }

    public var description: String { "t+\(offset)" }
}
