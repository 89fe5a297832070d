/// What the controller did with one key after one reconcile, for logs, metrics and tests.
///
/// It is delivered after the queue has been updated and the key released, so an observer that
/// reads the queue sees the outcome's effect.
public struct ReconcileReport: Sendable {
    public enum Outcome: Sendable {
        /// The reconcile succeeded with `.done`; the key's backoff was reset.
        case done
        /// The reconcile asked to look again after this long; the key's backoff was reset.
        case requeued(after: Duration)
        /// The reconcile failed and the key will be retried after this backoff.
        case retrying(after: Duration, error: any Error)
        /// The reconcile failed with a terminal error; the key was not queued again.
        case failedTerminally(any Error)
    }

    public var key: ObjectKey
    public var outcome: Outcome
    /// How long the key waited in the queue: from when it became due (added, or its delay or
    /// backoff expired) until a worker took it. Includes time held back because another
    /// worker was still reconciling the same key.
    public var queueWait: Duration
    /// How long the reconciler itself ran, not counting the queue updates after it.
    public var duration: Duration

    public init(key: ObjectKey, outcome: Outcome, queueWait: Duration = .zero, duration: Duration = .zero) {
        self.key = key
        self.outcome = outcome
        self.queueWait = queueWait
        self.duration = duration
    }
}
