/// A point in wall-clock time, as Kubernetes records it (`metav1.Time`), measured from the Unix epoch.
///
/// Auto-migration compares condition timestamps with "now" (kubeadmiral-planner.md §3). The engine never
/// reads a clock: callers pass `now` in, which keeps the math pure and testable.
public struct WallClockInstant: Sendable, Hashable, Comparable {
    public var sinceEpoch: Duration

    public init(sinceEpoch: Duration) { self.sinceEpoch = sinceEpoch }

    public init(secondsSinceEpoch: Int64) { self.sinceEpoch = .seconds(secondsSinceEpoch) }

    public static func < (lhs: WallClockInstant, rhs: WallClockInstant) -> Bool { lhs.sinceEpoch < rhs.sinceEpoch }

    public static func + (lhs: WallClockInstant, rhs: Duration) -> WallClockInstant {
        WallClockInstant(sinceEpoch: lhs.sinceEpoch + rhs)
    }

    public static func - (lhs: WallClockInstant, rhs: Duration) -> WallClockInstant {
        WallClockInstant(sinceEpoch: lhs.sinceEpoch - rhs)
    }

    /// The time from `other` to `self`.
    public static func - (lhs: WallClockInstant, rhs: WallClockInstant) -> Duration { lhs.sinceEpoch - rhs.sinceEpoch }
}
