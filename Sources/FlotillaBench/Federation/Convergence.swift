import Federation
import KubeClient
import KubeObjects
import Synchronization

/// Counts the controller's reconciles by outcome, from its `report` callback, and (as its
/// observer) those that stopped at once because nothing they read had changed.
final class ReconcileTally: WorkloadObserver {
    struct Counts: Sendable, Codable {
        /// Counted among `done` too.
        var unchanged = 0
        var done = 0
        var requeued = 0
        var retried = 0
        var failed = 0
        var total: Int { done + requeued + retried + failed }
    }

    private let counts = Mutex(Counts())

    var current: Counts { counts.withLock { $0 } }

    func planned(duration: Duration) {}
    func memberWrite(cluster: String, outcome: String) {}
    func unchanged() { counts.withLock { $0.unchanged += 1 } }

    func record(_ report: ReconcileReport) {
        counts.withLock {
            switch report.outcome {
            case .done: $0.done += 1
            case .requeued: $0.requeued += 1
            case .retrying: $0.retried += 1
            case .failedTerminally: $0.failed += 1
            }
        }
    }
}

/// Decides when the controller has converged: its queue holds nothing due or in progress, and
/// every member, as its watch reports it, holds every workload with the planned replicas.
///
/// The members are read through the controller's own member caches, which the members' watches
/// feed: a copy counts once its write has reached a watch, and reading them costs no request
/// that would disturb what is measured. The queue is checked first, and cheaply, so the caches
/// are only walked once the controller looks done.
struct Convergence {
    let controller: WorkloadController
    let fixture: FederationFixture

    /// Returns once converged; polls every `interval`.
    func wait(interval: Duration = .milliseconds(20)) async throws {
        while true {
            if await isIdle(), await membersHoldAll() { return }
            try await Task.sleep(for: interval)
        }
    }

    /// No key due and none held by a worker (delayed keys, for later requeues, do not count).
    func isIdle() async -> Bool {
        guard await controller.caches.hasSynced else { return false }
        let stats = await controller.queue.stats()
        return stats.depth == 0 && stats.processing == 0
    }

    func membersHoldAll() async -> Bool {
        for cluster in fixture.clusterNames {
            guard let store = await controller.members.store(for: cluster) else { return false }
            let snapshot = await store.snapshot()
            guard snapshot.count >= fixture.workloads else { return false }
            for index in 0..<fixture.workloads {
                let object = snapshot.object(namespace: FederationFixture.namespace, name: fixture.workloadName(index))
                guard object?.replicas == fixture.replicasPerMember else { return false }
            }
        }
        return true
    }
}
