import KubeClient
import KubeObjects

/// What the simulator has seen of the API server, and a signal for every step it takes; the
/// basis of `MemberSimulator.waitUntilIdle()`.
///
/// Store handlers record each object's resourceVersion here after they have queued the work it
/// causes, so "everything on the server is recorded here" implies "everything on the server has
/// been turned into queued (or finished) work". Every recorded change, finished reconcile and
/// fired timer advances `generation` and wakes the tasks waiting for a change.
actor Activity {
    private var observed: [Informers.Kind: [ObjectKey: String]] = [:]
    private(set) var generation: UInt64 = 0
    private var waiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
    private var nextWaiter: UInt64 = 0

    func record(_ change: StoreChange, of kind: Informers.Kind) {
        var key = change.key
        key.resource = nil
        switch change {
        case .added(_, let object), .updated(_, _, let object):
            observed[kind, default: [:]][key] = object[path: ["metadata", "resourceVersion"]]?.stringValue ?? ""
        case .deleted:
            observed[kind]?[key] = nil
        }
        advance()
    }

    /// `namespace/name` → resourceVersion of every object of `kind` the handlers have seen.
    func versions(of kind: Informers.Kind) -> [ObjectKey: String] { observed[kind] ?? [:] }

    func advance() {
        generation &+= 1
        let woken = waiters
        waiters.removeAll()
        for continuation in woken.values { continuation.resume() }
    }

    /// Returns once `generation` differs from `seen` (at once if it already does), or when the
    /// calling task is cancelled.
    func waitForChange(after seen: UInt64) async {
        guard generation == seen, !Task.isCancelled else { return }
        let id = nextWaiter
        nextWaiter += 1
        await withTaskCancellationHandler {
            await withCheckedContinuation { waiters[id] = $0 }
        } onCancel: {
            Task { await self.resume(id) }
        }
    }

    private func resume(_ id: UInt64) { waiters.removeValue(forKey: id)?.resume() }
}
