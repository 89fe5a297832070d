import Federation
import KubeClient
import KubeObjects
import Placement

/// Reconcile reports in order, and a way to await "these clusters were reconciled after this
/// point and nothing is left to do", instead of waiting some time.
actor ReconcileLog {
    private var names: [String] = []
    private var queue: WorkQueue?
    private var waiters: [(clusters: [String], after: Int, continuation: CheckedContinuation<Void, Never>)] = []

    func attach(_ queue: WorkQueue) { self.queue = queue }

    /// The position to wait from.
    func mark() -> Int { names.count }

    func record(_ report: ReconcileReport) async {
        names.append(report.key.name)
        await resumeSettled()
    }

    /// Returns once every one of `clusters` has been reconciled after `mark` and the queue has
    /// no key due or in progress.
    func settle(clusters: [String], after mark: Int) async {
        await withCheckedContinuation { continuation in
            waiters.append((clusters, mark, continuation))
            // The reports may all be in already: check once the waiter is registered.
            Task { await self.resumeSettled() }
        }
    }

    private func resumeSettled() async {
        guard let stats = await queue?.stats(), stats.processing == 0, stats.depth == 0 else { return }
        let names = self.names
        func satisfied(
            _ waiter: (clusters: [String], after: Int, continuation: CheckedContinuation<Void, Never>)
        ) -> Bool {
            waiter.clusters.allSatisfy { names.dropFirst(waiter.after).contains($0) }
        }
        let done = waiters.filter(satisfied)
        waiters.removeAll(where: satisfied)
        for waiter in done { waiter.continuation.resume() }
    }
}

/// A running `ClusterController` against a simulated host, on a manual clock.
struct ControllerHarness {
    let clock: ManualClock
    let host: SimCluster
    let controller: ClusterController
    let log: ReconcileLog
    let run: Task<Void, Never>

    static func start(
        host: SimCluster, clock: ManualClock,
        settings: ClusterHealthSettings = ClusterHealthSettings(healthCheckPeriod: .seconds(30))
    ) async -> ControllerHarness {
        let log = ReconcileLog()
        let controller = ClusterController(host: host.api, settings: settings) { await log.record($0) }
        await log.attach(controller.queue)
        let run = Task { await controller.run() }
        return ControllerHarness(clock: clock, host: host, controller: controller, log: log, run: run)
    }

    /// Waits until `clusters` have been reconciled after `mark` (default: now) and all is quiet.
    func settle(_ clusters: [String], after mark: Int) async {
        await log.settle(clusters: clusters, after: mark)
    }

    /// Moves virtual time on by `duration` and waits for the probes that fall due.
    func advance(by duration: Duration, settling clusters: [String]) async {
        let mark = await log.mark()
        clock.advance(by: duration)
        await settle(clusters, after: mark)
    }

    func stop() async {
        run.cancel()
        await run.value
    }

    /// The cluster as the host has it now.
    func cluster(_ name: String) async throws -> FederatedCluster {
        try FederatedCluster.decode(try await host.federatedCluster(name))
    }
}

extension FederatedClusterStatus {
    /// `Type=Status/Reason` for each condition, in order: what a person reads off `kubectl get -o yaml`.
    var conditionSummary: [String] {
        conditions.map { "\($0.type)=\($0.status.rawValue)/\($0.reason)" }
    }
}
