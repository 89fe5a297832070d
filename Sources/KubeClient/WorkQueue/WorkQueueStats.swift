/// A work queue's state at one moment, plus lifetime counters, for metrics.
///
/// The mean time a key waits between becoming due and being handed out is
/// `totalWait / handedOut`; `longestWait` is the current lag of the oldest due key.
public struct WorkQueueStats: Sendable, Equatable {
    /// Keys ready to hand out.
    public var depth: Int
    /// Keys waiting for a deadline.
    public var delayed: Int
    /// Keys held by workers.
    public var processing: Int
    /// How long the oldest due key has waited.
    public var longestWait: Duration
    /// Keys that became due (adds folded into an already due key are not counted).
    public var adds: Int { counters.adds }
    /// Rate-limited adds, that is, retries after failures.
    public var retries: Int { counters.retries }
    /// Keys handed to workers.
    public var handedOut: Int { counters.handedOut }
    /// Total time handed-out keys waited between becoming due and being handed out.
    public var totalWait: Duration { counters.totalWait }

    var counters: Counters

    struct Counters: Sendable, Equatable {
        var adds = 0
        var retries = 0
        var handedOut = 0
        var totalWait = Duration.zero
    }
}
