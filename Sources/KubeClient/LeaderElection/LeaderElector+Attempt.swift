import KubeObjects

/// One try to acquire or renew the lease (client-go's `tryAcquireOrRenew`): the elector's only
/// I/O besides the release.
extension LeaderElector {
    enum AttemptOutcome: Sendable, Equatable {
        /// The lease names this candidate, as written just now.
        case holding
        /// Another candidate holds an unexpired lease.
        case heldByOther(String)
        /// A read or write failed; the message says which and why.
        case failed(String)
    }

    /// `attempt(_:leading:)`, abandoned at `deadline`: `nil` when the deadline (or cancellation)
    /// came first. A leader's renewal must not outlive its renew deadline, or it would still be
    /// acting as leader when a successor may already have taken over.
    func attempt(_ tracker: LeaseTracker, leading: Bool, deadline: ClockInstant) async
        -> (AttemptOutcome, LeaseTracker)?
    {
        await withTaskGroup(of: (AttemptOutcome, LeaseTracker)?.self) { group in
            group.addTask { await attempt(tracker, leading: leading) }
            group.addTask {
                try? await clock.sleep(until: deadline)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }

    /// Reads the lease and writes this candidate's record when the rules allow it. A leader first
    /// writes over the lease it last wrote without reading (one request per renewal in the usual
    /// case), and reads only when that write fails.
    func attempt(_ start: LeaseTracker, leading: Bool) async -> (AttemptOutcome, LeaseTracker) {
        var tracker = start
        let wallTime = clock.wallTime
        if leading, tracker.recordNamesUs, let lease = tracker.lease {
            let record = tracker.record(leading: true, wallTime: wallTime, leaseDurationSeconds: leaseDurationSeconds)
            if let stored = try? await api.update(.leases, record.applied(to: lease)) {
                tracker.observe(stored, record: record, at: clock.now)
                return (.holding, tracker)
            }
            if Task.isCancelled { return (.failed("cancelled"), tracker) }
        }
        do {
            let lease = try await api.get(.leases, namespace: namespace, name: name)
            tracker.observe(lease, record: try LeaderElectionRecord(lease: lease), at: clock.now)
        } catch let error as KubeAPIError where error.code == .notFound {
            tracker.observeAbsent()
        } catch {
            return (.failed("cannot read lease \(namespace)/\(name): \(error)"), tracker)
        }
        let claim = tracker.claim(
            leading: leading, now: clock.now, wallTime: wallTime, leaseDurationSeconds: leaseDurationSeconds)
        do throws(KubeAPIError) {
            switch claim {
            case .heldByOther(let holder):
                return (.heldByOther(holder), tracker)
            case .create(let record):
                let stored = try await api.create(
                    .leases, namespace: namespace, record.newLease(namespace: namespace, name: name))
                tracker.observe(stored, record: record, at: clock.now)
            case .update(let lease, let record):
                let stored = try await api.update(.leases, lease)
                tracker.observe(stored, record: record, at: clock.now)
            }
            return (.holding, tracker)
        } catch where error.code == .conflict || error.code == .alreadyExists {
            return (.failed("lost a race for lease \(namespace)/\(name): \(error)"), tracker)
        } catch {
            return (.failed("cannot write lease \(namespace)/\(name): \(error)"), tracker)
        }
    }
}
