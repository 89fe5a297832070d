import Federation
import KubeClient
import KubeObjects
import KubeSim
import Placement
import Testing

/// What the host says when a member's copy cannot be written: an override that fails for one
/// cluster, a member API server that fails writes.
@Suite("Workload controller: member failures", .timeLimit(.minutes(2)))
struct MemberFailureTests {
    static let vke1 = "cclt81kqnjbeqedvbbt0g", vke2 = "ccltbv1p1h4ho7pq6sugg", ack = "cclt75bp1h4ho7pq6su9g"
    static let workloadKey = ObjectKey(
        resource: KubeClient.APIResource.deployments.groupResource, namespace: "default", name: "fed-dp-gpu")

    /// Starts the federation with the scenario's clusters, policies and weighted workload, plus
    /// `extra` objects, and runs the controller.
    func start(_ extra: [JSONValue] = []) async throws -> (FederationHarness, WorkloadController, Task<Void, Never>) {
        let harness = try await FederationHarness.start()
        try await harness.apply(scenario: "clusters.yaml", "policies.yaml", "deployment-weight.yaml", extra: extra)
        let controller = WorkloadController(
            host: harness.hostAPI, clients: harness.memberClients, clock: harness.clock, watchTimeoutSeconds: 60)
        return (harness, controller, Task { await controller.run(workers: 2) })
    }

    @Test("an override that fails for one cluster shows as MembersSynced=False naming the cluster, policy and field")
    func overrideFailureIsACondition() async throws {
        // An OverridePolicy whose rule for ACK-POC replaces a path the workload does not have.
        let policy: JSONValue = [
            "apiVersion": "core.kubeadmiral.io/v1alpha1", "kind": "OverridePolicy",
            "metadata": ["name": "broken-op", "namespace": "default"],
            "spec": [
                "overrideRules": [
                    [
                        "targetClusters": ["clusters": [.string(Self.ack)]],
                        "overriders": [
                            "jsonpatch": [["operator": "replace", "path": "/spec/template/spec/nodeSelector", "value": [:]]]
                        ],
                    ]
                ]
            ],
        ]
        var workload = try FederationHarness.scenario("deployment-weight.yaml")[0]
        workload["metadata"]?["name"] = "override-broken"
        workload["metadata"]?["labels"]?[PolicyLabel.overridePolicy] = "broken-op"
        let (harness, _, running) = try await start([policy, workload])
        defer { Task { await harness.stop() } }
        defer { running.cancel() }

        // The other clusters get their copies; the other workload is placed everywhere as usual.
        try await harness.eventually(within: .seconds(60), "copies in the other clusters") {
            try await harness.memberReplicas("default", "override-broken") == [Self.vke1: 4, Self.vke2: 4]
        }
        try await harness.eventually(within: .seconds(60), "the other workload placed") {
            try await harness.memberReplicas("default", "fed-dp-gpu") == [Self.vke1: 4, Self.vke2: 4, Self.ack: 2]
        }
        try await harness.eventually(within: .seconds(60), "MembersSynced=False") {
            try await harness.hostCondition("MembersSynced", of: "override-broken")?["status"] == "False"
        }
        let synced = try await harness.hostCondition("MembersSynced", of: "override-broken")
        let message = synced?["message"]?.stringValue ?? ""
        #expect(synced?["reason"] == "OverrideFailed")
        #expect(message.contains("overrides for cluster \(Self.ack) failed"), "\(message)")
        #expect(message.contains("OverridePolicy default/broken-op"), "\(message)")
        #expect(message.contains("spec.overrideRules[0].overriders.jsonpatch[0]"), "\(message)")
        #expect(message.contains("path does not exist"), "\(message)")
        #expect(!message.contains(Self.vke1) && !message.contains(Self.vke2), "\(message)")

        let reported = try await harness.hostCondition("MembersReported", of: "override-broken")
        let reportedMessage = reported?["message"]?.stringValue ?? ""
        #expect(!reportedMessage.contains("not reported yet: \(Self.ack)"), "\(reportedMessage)")
        #expect(reportedMessage.contains("nothing was sent to \(Self.ack)"), "\(reportedMessage)")
        #expect(try await harness.hostCondition("Placed", of: "override-broken")?["status"] == "True")
        #expect(try await harness.events("OverrideFailed", about: "override-broken").count == 1)

        try await harness.eventually(within: .seconds(60), "the other workload's MembersSynced=True") {
            try await harness.hostCondition("MembersSynced", of: "fed-dp-gpu")?["status"] == "True"
        }
        #expect(try await harness.events("OverrideFailed", about: "fed-dp-gpu").isEmpty)
    }

    @Test("a member that fails writes gets one MemberSyncFailed Event whose count grows; its copy is kept, then updated")
    func writeFailureIsAnEvent() async throws {
        let (harness, controller, running) = try await start()
        defer { Task { await harness.stop() } }
        defer { running.cancel() }
        try await harness.eventually(within: .seconds(60), "placed 4/4/2") {
            try await harness.memberReplicas("default", "fed-dp-gpu") == [Self.vke1: 4, Self.vke2: 4, Self.ack: 2]
        }
        let ack = harness.members[Self.ack]!
        let before = try await ack.api.get(.deployments, namespace: "default", name: "fed-dp-gpu")

        // ACK-POC's API server answers every write of a Deployment with 500.
        for method in ["POST", "PUT", "PATCH", "DELETE"] {
            await ack.server.injectFault(
                .internalError, count: 1_000_000, matching: RequestMatcher(method: method, pathContains: "/deployments"))
        }
        _ = try await harness.hostAPI.patch(.deployments, namespace: "default", name: "fed-dp-gpu", ["spec": ["replicas": 15]])
        try await harness.eventually(within: .seconds(60), "the reachable members updated") {
            try await harness.memberReplicas("default", "fed-dp-gpu", clusters: [Self.vke1, Self.vke2])
                == [Self.vke1: 6, Self.vke2: 6]
        }
        try await harness.eventually(within: .seconds(60), "a MemberSyncFailed Event") {
            try await !harness.events("MemberSyncFailed", about: "fed-dp-gpu").isEmpty
        }
        // Retries (backoff on the controller's clock) bump the one Event's count.
        try await harness.eventually(within: .seconds(60), "the Event's count grows with the retries") {
            harness.clock.advance(by: .seconds(60))
            let events = try await harness.events("MemberSyncFailed", about: "fed-dp-gpu")
            return events.count == 1 && (events[0]["count"]?.intValue ?? 0) >= 3
        }
        let events = try await harness.events("MemberSyncFailed", about: "fed-dp-gpu")
        #expect(events.count == 1)
        let message = events.first?["message"]?.stringValue ?? ""
        #expect(message.hasPrefix("cluster \(Self.ack): "), "\(message)")
        #expect(message.count < 400, "\(message)")
        #expect(events.first?["type"] == "Warning")
        #expect(await controller.queue.failures(of: Self.workloadKey) > 0)
        let synced = try await harness.hostCondition("MembersSynced", of: "fed-dp-gpu")
        #expect(synced?["status"] == "False")
        #expect(synced?["reason"] == "MemberSyncFailed")

        // Nothing of the failing member was deleted.
        let kept = try await ack.api.get(.deployments, namespace: "default", name: "fed-dp-gpu")
        #expect(kept[path: ["metadata", "uid"]] == before[path: ["metadata", "uid"]])
        #expect(kept[path: ["spec", "replicas"]] == 2)

        // Once the member answers again, its copy is written.
        await ack.server.clearFaults()
        try await harness.eventually(within: .seconds(60), "the recovered member updated") {
            harness.clock.advance(by: .seconds(60))
            return try await harness.memberReplicas("default", "fed-dp-gpu")[Self.ack] == 3
        }
        let after = try await ack.api.get(.deployments, namespace: "default", name: "fed-dp-gpu")
        #expect(after[path: ["metadata", "uid"]] == before[path: ["metadata", "uid"]], "updated, not recreated")
        try await harness.eventually(within: .seconds(60), "MembersSynced=True again") {
            try await harness.hostCondition("MembersSynced", of: "fed-dp-gpu")?["status"] == "True"
        }
        #expect(try await harness.events("MemberSyncFailed", about: "fed-dp-gpu").count == 1)
    }
}
