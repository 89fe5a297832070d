import Federation
import KubeClient
import KubeObjects
import Placement

/// The CPU one reconcile spends on pure work, measured apart from any I/O on the objects a
/// reconcile hands the engine (the workload and its policy, as cached, and every FederatedCluster,
/// decoded already as the controller keeps them): inflating and parsing the cached workload's text, decoding
/// it and the policy into an `ObjectInventory`,
/// scheduling, and hashing each planned member object
/// as `MemberSync` does before it compares (FNV-1a over the canonical JSON).
///
/// With the reconcile count this tells how much of the controller's CPU these steps explain;
/// the rest is requests, watch decoding, caches and the queue.
struct EngineCost: Sendable, Codable {
    var decodeSeconds: Double
    var scheduleSeconds: Double
    /// All member objects of one plan (one per member).
    var memberHashSeconds: Double

    var totalSeconds: Double { decodeSeconds + scheduleSeconds + memberHashSeconds }

    /// Means over `rounds` of the last (shared-policy) workload, in CPU seconds of this thread.
    static func measure(controller: WorkloadController, fixture: FederationFixture, rounds: Int = 300)
        async throws -> EngineCost
    {
        let namespace = FederationFixture.namespace
        let caches = controller.caches
        let workloadKey = ObjectKey(
            resource: KubeClient.APIResource.deployments.groupResource, namespace: namespace,
            name: fixture.workloadName(fixture.workloads - 1))
        let policyKey = ObjectKey(
            resource: KubeClient.APIResource.propagationPolicies.groupResource, namespace: namespace,
            name: FederationFixture.sharedPolicyName)
        guard let cached = await caches.deployments.store.object(for: workloadKey),
            let policy = await caches.propagationPolicies.store.object(for: policyKey)
        else { throw BenchError("the engine probe found no cached workload or policy") }
        // Decoded once, as the controller keeps them (per resourceVersion) between reconciles.
        let clusters = (await caches.clusters.store.snapshot().objects).map { object in
            Result { () throws(PolicyError) -> FederatedCluster in try FederatedCluster.decode(object) }
        }
        let now = SystemClock().timestamp

        // This thread's CPU time, not wall time: the loop never suspends, so it stays on one
        // thread, and other processes' load on the shared cores does not inflate the figures.
        var decode = 0.0, schedule = 0.0, hash = 0.0
        var checksum: UInt64 = 0
        var planned = 0
        for _ in 0..<rounds {
            let start = threadCPUNanoseconds()
            let inventory = ObjectInventory([try cached.object(), policy], decodedClusters: clusters)
            let decoded = threadCPUNanoseconds()
            guard let workload = inventory.workloads.first else { continue }
            let previous = SchedulingTriggers(annotation: workload.annotations[SchedulingTriggers.annotation])
            let outcome = PlacementEngine.schedule(workload, in: inventory, now: now, previous: previous)
            let scheduled = threadCPUNanoseconds()
            for member in outcome?.plan.clusters ?? [] {
                // What `MemberSync.hash(of:)` computes.
                checksum &+= member.object.map { FNV1a.hash64($0.canonicalJSONBytes) } ?? 0
                planned += 1
            }
            hash += threadCPUNanoseconds() - scheduled
            decode += decoded - start
            schedule += scheduled - decoded
        }
        guard planned == rounds * fixture.memberCount, checksum != 0 else {
            throw BenchError("the engine probe planned \(planned) member copies, expected \(rounds * fixture.memberCount)")
        }
        let nanoseconds = Double(rounds) * 1e9
        return EngineCost(
            decodeSeconds: decode / nanoseconds, scheduleSeconds: schedule / nanoseconds,
            memberHashSeconds: hash / nanoseconds)
    }
}
