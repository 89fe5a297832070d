import KubeObjects

/// What one candidate knows about the lease, and what it may write next: the decision half of
/// leader election, with no I/O, so that every rule is tested on plain values.
///
/// Expiry is judged on the candidate's own clock: a lease counts as expired once
/// `leaseDurationSeconds` have passed since this candidate *saw the record change*, whatever its
/// `renewTime` says. Comparing our clock with a timestamp another machine wrote would make the
/// outcome depend on clock skew; a change that we observed is a fact about our own timeline.
/// The price is that a candidate that starts while the holder is silent waits a full lease
/// duration from its first read, even when the holder died long before.
///
/// Guarantees: a write proposed here always carries the resourceVersion of the lease as last
/// read or written, so two candidates that decide on the same state cannot both succeed; the
/// loser gets a conflict and decides again from a fresh read.
struct LeaseTracker: Sendable {
    /// What to do after reading the lease.
    enum Claim: Equatable, Sendable {
        /// No lease exists: create it with this record.
        case create(LeaderElectionRecord)
        /// Write this record over the lease (an update conditional on its resourceVersion).
        case update(JSONValue, LeaderElectionRecord)
        /// Someone else holds a lease that has not expired on our clock.
        case heldByOther(String)
    }

    let identity: String
    /// The lease as last read or written; `nil` when it does not exist (or was never read).
    private(set) var lease: JSONValue?
    private(set) var observedRecord: LeaderElectionRecord?
    /// When, on our clock, `observedRecord` was first seen in its current form.
    private(set) var observedTime: ClockInstant?

    init(identity: String) { self.identity = identity }

    /// Whether the record, as last seen, names this candidate.
    var recordNamesUs: Bool { observedRecord?.holderIdentity == identity }

    /// Records what was read or written at `now`. The observation time moves only when the record
    /// differs from the one seen before: a holder that keeps renewing keeps moving it, a silent
    /// one does not.
    mutating func observe(_ lease: JSONValue, record: LeaderElectionRecord, at now: ClockInstant) {
        self.lease = lease
        if record != observedRecord || observedTime == nil {
            observedRecord = record
            observedTime = now
        }
    }

    /// The lease does not exist.
    mutating func observeAbsent() {
        lease = nil
        observedRecord = nil
        observedTime = nil
    }

    /// Whether the observed holder's lease has run out on our clock.
    func isExpired(at now: ClockInstant) -> Bool {
        guard let observedRecord, let observedTime else { return true }
        return observedTime + .seconds(observedRecord.leaseDurationSeconds) <= now
    }

    /// The record this candidate writes to take or keep the lease at `wallTime`.
    ///
    /// - Parameter leading: whether this candidate is leading now (renewing), as opposed to
    ///   acquiring. A renewal keeps `acquireTime`; an acquisition sets it. `leaseTransitions`
    ///   grows by one whenever the holder changes, a released (empty) holder included.
    func record(leading: Bool, wallTime: Duration, leaseDurationSeconds: Int) -> LeaderElectionRecord {
        let now = MicroTime.format(sinceEpoch: wallTime)
        let previous = observedRecord
        let sameHolder = previous?.holderIdentity == identity
        return LeaderElectionRecord(
            holderIdentity: identity, leaseDurationSeconds: leaseDurationSeconds,
            acquireTime: leading && sameHolder ? previous?.acquireTime ?? now : now, renewTime: now,
            leaseTransitions: (previous?.leaseTransitions ?? 0) + (previous == nil || sameHolder ? 0 : 1))
    }

    /// What to write, after a read, to take or keep the lease: client-go's rule. Take it when it
    /// is absent, free (empty holder), expired on our clock, or already ours; otherwise hold off.
    func claim(leading: Bool, now: ClockInstant, wallTime: Duration, leaseDurationSeconds: Int) -> Claim {
        let next = record(leading: leading, wallTime: wallTime, leaseDurationSeconds: leaseDurationSeconds)
        guard let lease, let observedRecord else { return .create(next) }
        let holder = observedRecord.holderIdentity
        if !holder.isEmpty, holder != identity, !isExpired(at: now) { return .heldByOther(holder) }
        return .update(next.applied(to: lease), next)
    }

    /// The record that gives the lease up: no holder and a one-second duration, so that a
    /// successor need not wait (client-go writes the same).
    func releaseRecord(wallTime: Duration) -> LeaderElectionRecord? {
        guard recordNamesUs, let observedRecord else { return nil }
        let now = MicroTime.format(sinceEpoch: wallTime)
        return LeaderElectionRecord(
            holderIdentity: "", leaseDurationSeconds: 1, acquireTime: now, renewTime: now,
            leaseTransitions: observedRecord.leaseTransitions)
    }
}
