import KubeClient
import Placement

extension KubeClock {
    /// The clock's calendar time as the engine's `Timestamp`: the engine never reads a clock, the
    /// controller hands it this value.
    public var timestamp: Timestamp {
        let (seconds, attoseconds) = wallTime.components
        return Timestamp(nanosecondsSinceEpoch: seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}

extension Timestamp {
    /// RFC 3339 in UTC with whole seconds, as Kubernetes writes `metav1.Time`.
    public var rfc3339: String { Timestamp(secondsSinceEpoch: secondsSinceEpoch).description }
}
