import KubeClient

/// Wake-ups on the simulation's clock: the autoscaler's provisioning and scale-down delays.
///
/// Each armed deadline is one task sleeping on the injected `KubeClock` (never polling); when
/// it wakes it runs `fire` (which queues the cluster-wide reconcile) and only then disarms, so
/// that `hasDueTimer` stays true until the work the timer stands for is queued. The cluster
/// pass sets the whole list each time, so a timer whose reason went away (a node that filled up
/// again) is cancelled rather than left to fire for nothing.
actor SimTimers {
    private let clock: any KubeClock
    private let fire: @Sendable () async -> Void
    private var armed: [ClockInstant: Task<Void, Never>] = [:]
    private var isStopped = false

    init(clock: any KubeClock, fire: @escaping @Sendable () async -> Void) {
        self.clock = clock
        self.fire = fire
    }

    /// Arms exactly `deadlines`: the missing ones are added, and the others, which no longer
    /// stand for anything, are cancelled.
    func set(_ deadlines: Set<ClockInstant>) {
        guard !isStopped else { return }
        for (deadline, task) in armed where !deadlines.contains(deadline) {
            task.cancel()
            armed[deadline] = nil
        }
        for deadline in deadlines where armed[deadline] == nil {
            let clock = self.clock
            let fire = self.fire
            armed[deadline] = Task {
                do { try await clock.sleep(until: deadline) } catch { return }
                await fire()
                self.disarm(deadline)
            }
        }
    }

    private func disarm(_ deadline: ClockInstant) { armed[deadline] = nil }

    /// Whether a timer is due (its deadline at or before now) and has not yet queued its work.
    var hasDueTimer: Bool {
        let now = clock.now
        return armed.keys.contains { $0 <= now }
    }

    /// The armed deadlines, earliest first.
    var deadlines: [ClockInstant] { armed.keys.sorted() }

    func stop() {
        isStopped = true
        for task in armed.values { task.cancel() }
        armed.removeAll()
    }
}
