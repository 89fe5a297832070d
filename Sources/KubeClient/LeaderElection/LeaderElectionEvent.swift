/// What a `LeaderElector` reports as it runs, for logs and metrics. Delivered synchronously on
/// the elector's task, in order; a handler must return quickly and must not wait on the elector.
public enum LeaderElectionEvent: Sendable, Equatable {
    /// This candidate took the lease and its body is starting; `leaseTransitions` as written.
    case startedLeading(leaseTransitions: Int)
    /// This candidate no longer leads; its body has been cancelled and has returned.
    case stoppedLeading(StepDownReason)
    /// The holder named by the lease changed, as this candidate read it (`""`: released).
    case observedHolder(String)
    /// A read or write of the lease failed; the elector tries again after `retryPeriod`.
    /// A conflict (someone else wrote first) is reported here too.
    case attemptFailed(String)
    /// The lease was given up on a clean stop.
    case released
    /// Giving the lease up failed; a successor waits for the lease to expire instead.
    case releaseFailed(String)
}

/// Why a leader stopped leading.
public enum StepDownReason: Sendable, Equatable, CustomStringConvertible {
    /// No renewal succeeded within `renewDeadline` of the last one.
    case renewDeadlineExceeded
    /// A read showed that another candidate holds the lease.
    case leaseTakenBy(String)
    /// The task running the elector was cancelled.
    case cancelled
    /// The body returned by itself.
    case bodyReturned

    public var description: String {
        switch self {
        case .renewDeadlineExceeded: return "could not renew the lease within the renew deadline"
        case .leaseTakenBy(let holder): return "the lease is held by \(holder)"
        case .cancelled: return "stopping"
        case .bodyReturned: return "the leader's work ended"
        }
    }
}
