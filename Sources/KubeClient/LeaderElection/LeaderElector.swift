import KubeObjects

/// Leader election on a `coordination.k8s.io/v1` Lease, with client-go's semantics, so that of
/// several replicas of a controller exactly one does the work and another takes over when it dies.
///
/// A candidate reads the lease every `retryPeriod` and takes it when it is absent, free (empty
/// holder) or expired; expiry is judged on this candidate's own clock, from when it saw the record
/// last change (see `LeaseTracker`). While it holds the lease it runs the body and renews every
/// `retryPeriod`; if no renewal succeeds within `renewDeadline` of the last one, or a read shows
/// another holder, it cancels the body, waits for it to return, and becomes a candidate again.
/// Every write is conditional on the resourceVersion last read, so of two candidates writing at
/// once one gets a conflict and loses.
///
/// Guarantees:
/// - At most one body runs at a time across candidates, provided each candidate's clock runs at
///   about the rate of the others' and a body stops within `leaseDuration - renewDeadline` (5 s by
///   default) of its cancellation: a successor takes the lease only after a full `leaseDuration`
///   of seeing no change, and a leader that could not renew has stepped down `renewDeadline` after
///   its last renewal. A renewal in flight is abandoned at that deadline.
/// - A clean stop (the task cancelled, `releaseOnCancel`) waits for the body to return, then
///   releases the lease (no holder, duration 1 s), so a successor takes over at its next try.
/// - When the body returns by itself, the elector releases the lease and `run` returns: the work
///   is over, and holding the lease would only keep another replica from doing it.
///
/// Caveats: no jitter on the retry period (candidates are few; conflicts resolve on the next
/// try). The identity must be unique per process (a host name alone is not, across restarts): a
/// candidate whose identity the lease already names takes it at once, as client-go does.
public struct LeaderElector: Sendable {
    public let namespace: String
    public let name: String
    public let identity: String
    public let leaseDuration: Duration
    public let renewDeadline: Duration
    public let retryPeriod: Duration
    /// Whether a cancelled `run` releases the lease. Tests turn it off to play a crash.
    public let releaseOnCancel: Bool
    public let clock: any KubeClock
    /// Leadership as it is now, for probes and metrics.
    public let status = LeadershipStatus()
    let api: KubeAPI
    let onEvent: @Sendable (LeaderElectionEvent) -> Void

    /// - Parameters:
    ///   - api: the cluster holding the lease. The elector makes no retries of its own through
    ///     it (its `retryPolicy` is replaced by `.never`): it tries again every `retryPeriod`
    ///     anyway, and a retry delay would only postpone noticing a lost lease.
    ///   - leaseDuration: how long others wait, after the last change they saw, before taking
    ///     the lease from a silent holder (client-go default 15 s).
    ///   - renewDeadline: how long a leader keeps trying to renew before it steps down (10 s).
    ///   - retryPeriod: between attempts to acquire or renew (2 s).
    ///   - onEvent: called on the elector's task for each `LeaderElectionEvent`.
    /// - Throws: `invalidConfiguration` unless `leaseDuration > renewDeadline > retryPeriod > 0`,
    ///   `leaseDuration` is whole seconds (the lease stores seconds), and the names are non-empty.
    public init(
        api: KubeAPI, namespace: String, name: String, identity: String, leaseDuration: Duration = .seconds(15),
        renewDeadline: Duration = .seconds(10), retryPeriod: Duration = .seconds(2), releaseOnCancel: Bool = true,
        clock: any KubeClock = SystemClock(), onEvent: @escaping @Sendable (LeaderElectionEvent) -> Void = { _ in }
    ) throws(LeaderElectionError) {
        func invalid(_ message: String) -> LeaderElectionError { LeaderElectionError(.invalidConfiguration, message) }
        for (field, value) in [("namespace", namespace), ("lease name", name), ("identity", identity)] where value.isEmpty {
            throw invalid("leader election needs a \(field)")
        }
        guard retryPeriod > .zero else { throw invalid("the retry period must be positive, got \(retryPeriod)") }
        guard renewDeadline > retryPeriod else {
            throw invalid("the renew deadline (\(renewDeadline)) must be longer than the retry period (\(retryPeriod))")
        }
        guard leaseDuration > renewDeadline else {
            throw invalid(
                "the lease duration (\(leaseDuration)) must be longer than the renew deadline (\(renewDeadline))")
        }
        guard leaseDuration.components.attoseconds == 0 else {
            throw invalid("the lease duration must be whole seconds, got \(leaseDuration)")
        }
        var api = api
        api.retryPolicy = .never
        self.api = api
        self.namespace = namespace
        self.name = name
        self.identity = identity
        self.leaseDuration = leaseDuration
        self.renewDeadline = renewDeadline
        self.retryPeriod = retryPeriod
        self.releaseOnCancel = releaseOnCancel
        self.clock = clock
        self.onEvent = onEvent
    }

    var leaseDurationSeconds: Int { Int(leaseDuration.components.seconds) }

    /// Campaigns for the lease and runs `whileLeading` in a child task whenever this candidate
    /// holds it; cancels it when leadership is lost and campaigns again. Returns when the task is
    /// cancelled (after the body has returned and the lease is released), or once the body
    /// returns by itself (the lease released too).
    public func run(whileLeading body: @escaping @Sendable () async -> Void) async {
        defer { status.update { $0 = LeadershipStatus.State(observedHolder: $0.observedHolder, finished: true) } }
        var tracker = LeaseTracker(identity: identity)
        while true {
            guard let (acquired, acquiredAt) = await acquire(tracker) else { return }
            let (reason, final) = await lead(acquired, since: acquiredAt, body: body)
            tracker = final
            switch reason {
            case .renewDeadlineExceeded, .leaseTakenBy:
                continue
            case .cancelled:
                if releaseOnCancel { await release(tracker) }
                return
            case .bodyReturned:
                await release(tracker)
                return
            }
        }
    }

    // MARK: - Phases

    /// Tries every `retryPeriod` until this candidate holds the lease; returns the tracker and the
    /// instant of the successful attempt, or `nil` when cancelled.
    private func acquire(_ start: LeaseTracker) async -> (LeaseTracker, ClockInstant)? {
        var tracker = start
        while !Task.isCancelled {
            let attemptedAt = clock.now
            let (outcome, next) = await attempt(tracker, leading: false)
            tracker = next
            report(outcome, tracker)
            if case .holding = outcome { return (tracker, attemptedAt) }
            guard await idle(until: attemptedAt + retryPeriod) else { return nil }
        }
        return nil
    }

    /// Runs the body beside the renewal loop until one of them ends; returns why, with the
    /// tracker as the renewal loop left it. The body has returned when this returns.
    private func lead(_ tracker: LeaseTracker, since acquiredAt: ClockInstant, body: @escaping @Sendable () async -> Void)
        async -> (StepDownReason, LeaseTracker)
    {
        status.update {
            $0.isLeader = true
            $0.idleUntil = nil
        }
        onEvent(.startedLeading(leaseTransitions: tracker.observedRecord?.leaseTransitions ?? 0))
        enum Ended: Sendable {
            case body
            case renewal(StepDownReason, LeaseTracker)
        }
        let (reason, final) = await withTaskGroup(of: Ended.self) { group in
            group.addTask {
                await body()
                return .body
            }
            group.addTask {
                let (reason, final) = await keepRenewing(tracker, lastRenewal: acquiredAt)
                return .renewal(reason, final)
            }
            var reason: StepDownReason?
            var final = tracker
            while let ended = await group.next() {
                switch ended {
                case .body:
                    reason = reason ?? .bodyReturned
                case .renewal(let why, let renewed):
                    reason = reason ?? why
                    final = renewed
                }
                status.update { $0.isLeader = false }
                group.cancelAll()
            }
            return (Task.isCancelled ? .cancelled : reason ?? .cancelled, final)
        }
        onEvent(.stoppedLeading(reason))
        return (reason, final)
    }

    /// Renews every `retryPeriod` until no renewal has succeeded for `renewDeadline`, a read
    /// shows another holder, or the task is cancelled.
    private func keepRenewing(_ start: LeaseTracker, lastRenewal acquiredAt: ClockInstant) async
        -> (StepDownReason, LeaseTracker)
    {
        var tracker = start
        var lastRenewal = acquiredAt
        var nextAttempt = lastRenewal + retryPeriod
        while true {
            let deadline = lastRenewal + renewDeadline
            guard await idle(until: min(nextAttempt, deadline)) else { return (.cancelled, tracker) }
            let attemptedAt = clock.now
            if attemptedAt >= deadline { return (.renewDeadlineExceeded, tracker) }
            guard let (outcome, next) = await attempt(tracker, leading: true, deadline: deadline) else {
                if Task.isCancelled { return (.cancelled, tracker) }
                return (.renewDeadlineExceeded, tracker)
            }
            tracker = next
            report(outcome, tracker)
            switch outcome {
            case .holding:
                lastRenewal = attemptedAt
            case .heldByOther(let holder):
                return (.leaseTakenBy(holder), tracker)
            case .failed:
                if Task.isCancelled { return (.cancelled, tracker) }
            }
            nextAttempt = attemptedAt + retryPeriod
        }
    }

    /// Gives the lease up, if the record still names this candidate. Runs in a task of its own,
    /// because the caller's has been cancelled and a cancelled task's requests fail at once.
    private func release(_ tracker: LeaseTracker) async {
        guard let lease = tracker.lease, let record = tracker.releaseRecord(wallTime: clock.wallTime) else { return }
        let api = self.api
        let result = await Task { () async -> Result<JSONValue, KubeAPIError> in
            do throws(KubeAPIError) {
                return .success(try await api.update(.leases, record.applied(to: lease)))
            } catch {
                return .failure(error)
            }
        }.value
        switch result {
        case .success:
            status.update { $0.observedHolder = "" }
            onEvent(.released)
        case .failure(let error):
            onEvent(.releaseFailed(error.message))
        }
    }

    // MARK: - Reporting

    /// Sleeps until `instant`, marked idle meanwhile; `false` when cancelled.
    private func idle(until instant: ClockInstant) async -> Bool {
        status.update { $0.idleUntil = instant }
        defer { status.update { $0.idleUntil = nil } }
        do {
            try await clock.sleep(until: instant)
            return true
        } catch {
            return false
        }
    }

    private func report(_ outcome: AttemptOutcome, _ tracker: LeaseTracker) {
        let holder = tracker.observedRecord?.holderIdentity
        if let holder, holder != status.observedHolder {
            status.update { $0.observedHolder = holder }
            onEvent(.observedHolder(holder))
        }
        if case .failed(let message) = outcome { onEvent(.attemptFailed(message)) }
    }
}
