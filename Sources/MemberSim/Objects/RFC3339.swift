import Placement

/// Calendar times as Kubernetes writes them in objects.
enum RFC3339 {
    /// `2026-01-01T00:02:00Z` for a time since the Unix epoch, rounded down to the second.
    static func wholeSeconds(_ sinceEpoch: Duration) -> String {
        Timestamp(secondsSinceEpoch: sinceEpoch.components.seconds).description
    }
}
