import KubeClient
import KubeObjects

extension MemberSimulator {
    /// Returns once the simulator is idle: it has nothing left to do about anything the API
    /// server held when the call was made, until something changes or the clock moves.
    ///
    /// Idle means, all at one moment:
    /// 1. setup is done and the stores have synced;
    /// 2. the work queue is empty, no reconcile is running and no failed write awaits its retry;
    /// 3. no autoscaler timer is due: every timer whose deadline is at or before the clock's
    ///    `now` has fired and queued its work (timers still in the future do not count: advancing
    ///    a `ManualClock` past one makes the simulator busy again until it has acted);
    /// 4. the simulator has seen every object on the server at its current resourceVersion
    ///    (checked by listing the watched collections), so no change — its own writes
    ///    included — is still on its way to it.
    ///
    /// Writes made by others after the call started may or may not be covered; a caller that
    /// changes the member and then waits sees its change handled, because the change is on the
    /// server before the call. Throws `CancellationError` when the task is cancelled,
    /// `MemberSimulatorError.failed` if `run()` failed and `.stopped` once it has ended.
    public func waitUntilIdle() async throws {
        while true {
            try Task.checkCancellation()
            let seen = await activity.generation
            if try await isIdle(), await activity.generation == seen { return }
            await activity.waitForChange(after: seen)
        }
    }

    /// Whether the simulator is idle right now, as `waitUntilIdle()` defines it (one check, which
    /// lists the watched collections). Throws as `waitUntilIdle()` does, or the listing's error.
    public func isIdle() async throws -> Bool {
        switch phase {
        case .failed(let error): throw MemberSimulatorError.failed("\(error)")
        case .stopped: throw MemberSimulatorError.stopped
        case .notStarted, .settingUp: return false
        case .running: break
        }
        let stats = await queue.stats()
        guard stats.depth == 0, stats.processing == 0, stats.delayed == 0 else { return false }
        guard await !context.timers.hasDueTimer else { return false }
        for kind in Informers.Kind.allCases {
            let seen = await activity.versions(of: kind)
            guard try await serverVersions(of: kind) == seen else { return false }
        }
        return true
    }

    /// The deadlines of the autoscaler's armed timers, earliest first: when the simulator will
    /// next act on its own. The demo advances its `ManualClock` to these.
    public var pendingDeadlines: [ClockInstant] {
        get async { await context.timers.deadlines }
    }

    /// `namespace/name` → resourceVersion of every object of `kind` on the server.
    private func serverVersions(of kind: Informers.Kind) async throws -> [ObjectKey: String] {
        var versions: [ObjectKey: String] = [:]
        for object in try await context.api.listAll(kind.resource) {
            guard let key = ObjectKey(object: object) else { continue }
            versions[key] = object[path: ["metadata", "resourceVersion"]]?.stringValue ?? ""
        }
        return versions
    }
}
