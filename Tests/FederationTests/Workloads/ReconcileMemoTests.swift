import Federation
import KubeClient
import KubeObjects
import Placement
import Synchronization
import Testing

/// A workload whose inputs have not changed since its last complete reconcile is not worked on
/// again; any change to what it reads is.
extension WorkloadControllerRestartTests {
    /// Counts the reconciles that stopped at once, and the member writes.
    final class Unchanged: WorkloadObserver {
        private let counts = Mutex((unchanged: 0, writes: 0))
        var unchangedCount: Int { counts.withLock { $0.unchanged } }
        func planned(duration: Duration) {}
        func memberWrite(cluster: String, outcome: String) { counts.withLock { $0.writes += 1 } }
        func unchanged() { counts.withLock { $0.unchanged += 1 } }
    }

    static let workloadKey = ObjectKey(
        resource: KubeClient.APIResource.deployments.groupResource, namespace: "default", name: "plain")

    /// Weights over the scenario's three clusters, without auto-migration; a change of the policy
    /// moves replicas (it reschedules, and disruption is allowed).
    static func plainPolicy(weights: [Int64]) -> JSONValue {
        let clusters = ["cclt81kqnjbeqedvbbt0g", "ccltbv1p1h4ho7pq6sugg", "cclt75bp1h4ho7pq6su9g"]
        return [
            "apiVersion": "core.kubeadmiral.io/v1alpha1", "kind": "PropagationPolicy",
            "metadata": ["name": "plain", "namespace": "default"],
            "spec": [
                "schedulingMode": "Divide",
                "placement": .array(
                    zip(clusters, weights).map { ["cluster": .string($0), "preferences": ["weight": .int($1)]] }),
                "reschedulePolicy": [
                    "replicaRescheduling": ["avoidDisruption": false], "rescheduleWhen": ["policyContentChanged": true],
                ],
            ],
        ]
    }

    @Test("a workload whose inputs did not change is not worked on again; a member edited by someone else is repaired")
    func unchangedInputsSkipTheReconcile() async throws {
        let harness = try await FederationHarness.start()
        defer { Task { await harness.stop() } }
        for object in try FederationHarness.scenario("clusters.yaml") { try await harness.apply(object) }
        try await harness.apply(Self.plainPolicy(weights: [1, 1, 1]))
        var workload = try FederationHarness.scenario("deployment-weight.yaml")[0]
        workload["metadata"]?["name"] = "plain"
        workload["metadata"]?["labels"] = [.init(PolicyLabel.propagationPolicy): "plain"]
        workload["spec"]?["replicas"] = 9
        try await harness.apply(workload)

        let observer = Unchanged()
        let (controller, running) = run(harness, Reconciles(), observer: observer)
        defer { running.cancel() }
        let even: [String: Int64] = ["cclt81kqnjbeqedvbbt0g": 3, "ccltbv1p1h4ho7pq6sugg": 3, "cclt75bp1h4ho7pq6su9g": 3]
        try await harness.eventually { try await harness.memberReplicas("default", "plain") == even }
        let settled = try await settle(harness, controller)

        // A resync of a converged workload: stopped at once, nothing written.
        let before = observer.unchangedCount
        await controller.queue.add(Self.workloadKey)
        try await harness.eventually { observer.unchangedCount == before + 1 }
        #expect(try await settle(harness, controller) == settled)

        // Someone scales a member copy: the copy's version moved, so the reconcile runs in full.
        let member = harness.members["ccltbv1p1h4ho7pq6sugg"]!.api
        _ = try await member.patch(.deployments, namespace: "default", name: "plain", ["spec": ["replicas": 7]])
        try await harness.eventually { try await harness.memberReplicas("default", "plain") == even }

        // The policy moves the replicas: the policy's version is an input too.
        _ = try await harness.hostAPI.patch(
            .propagationPolicies, namespace: "default", name: "plain",
            ["spec": ["placement": Self.plainPolicy(weights: [1, 1, 4])[path: ["spec", "placement"]] ?? []]])
        try await harness.eventually {
            try await harness.memberReplicas("default", "plain")["cclt75bp1h4ho7pq6su9g"] == 6
        }
    }
}
