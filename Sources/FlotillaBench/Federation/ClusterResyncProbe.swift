import Federation
import KubeClient
import KubeObjects

/// What one FederatedCluster status write costs a converged controller: the cluster controller
/// writes a member's status whenever its figures change (available GPUs move with every pod),
/// and the workload controller looks at every workload again after any cluster change.
///
/// The probe changes the first member's available GPUs, which no filter or planner here reads,
/// so every reconcile it causes is a no-op: the figures are the steady-state price of a cluster
/// heartbeat, and the CPU per reconcile of a reconcile that writes nothing.
struct ClusterResyncProbe {
    struct Result: Sendable, Codable {
        /// From the status write until the last reconcile it caused had finished.
        var seconds: Double
        var reconciles: Int
        var hostWrites: Int64
        var memberWrites: Int64
        var controllerCPUSeconds: Double?
        var simsCPUSeconds: Double?
    }

    let controller: WorkloadController
    let tally: ReconcileTally
    let sims: SimServersProcess
    let host: KubeAPI
    let fixture: FederationFixture
    let convergence: Convergence

    /// Runs once; ends when the controller has reconciled every workload and is idle, or has been
    /// idle for a second without reconciling any more (should it learn to skip them).
    func run() async throws -> Result {
        let before = try await sims.versions()
        let cpuBefore = ProcessMetrics.cpuSeconds()
        let simsCPUBefore = sims.cpuSeconds
        let reconcilesBefore = tally.current.total
        let clock = ContinuousClock()
        let start = clock.now
        // The first write bumps a member's status (its own, later, writes the figure back).
        _ = try await host.patch(
            .federatedClusters, name: fixture.clusterNames[0],
            ["status": ["resources": ["available": ["cpu": "64", "memory": "256Gi", "nvidia.com/gpu": "7"]]]],
            subresource: "status")
        var lastProgress = clock.now
        var seen = reconcilesBefore
        while true {
            let reconciled = tally.current.total
            if reconciled != seen {
                seen = reconciled
                lastProgress = clock.now
            }
            if await convergence.isIdle(),
                seen - reconcilesBefore >= fixture.workloads || clock.now - lastProgress > .seconds(1)
            {
                break
            }
            try await Task.sleep(for: .milliseconds(10))
        }
        let after = try await sims.versions()
        return Result(
            seconds: seconds(lastProgress - start), reconciles: seen - reconcilesBefore,
            hostWrites: (after.first ?? 0) - (before.first ?? 0) - 1,
            memberWrites: zip(before.dropFirst(), after.dropFirst()).map { $1 - $0 }.reduce(0, +),
            controllerCPUSeconds: ProcessMetrics.cpuSeconds().flatMap { now in cpuBefore.map { now - $0 } },
            simsCPUSeconds: sims.cpuSeconds.flatMap { now in simsCPUBefore.map { now - $0 } })
    }
}
