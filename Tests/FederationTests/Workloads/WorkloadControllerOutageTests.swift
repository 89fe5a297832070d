import Federation
import KubeClient
import KubeObjects
import Placement
import Testing

/// A member that goes away and comes back: nothing of it is deleted, the others carry on, and it
/// catches up when it returns.
@Suite("Workload controller: a member outage", .timeLimit(.minutes(2)))
struct WorkloadControllerOutageTests {
    static let vke1 = "cclt81kqnjbeqedvbbt0g", vke2 = "ccltbv1p1h4ho7pq6sugg", ack = "cclt75bp1h4ho7pq6su9g"

    @Test("a member that is down keeps its object and replicas, and is brought up to date when it returns")
    func memberOutage() async throws {
        let harness = try await FederationHarness.start()
        defer { Task { await harness.stop() } }
        for object in try FederationHarness.scenario("clusters.yaml") + FederationHarness.scenario("policies.yaml")
            + FederationHarness.scenario("deployment-weight.yaml")
        {
            try await harness.apply(object)
        }
        let controller = WorkloadController(
            host: harness.hostAPI, clients: harness.memberClients, clock: harness.clock, watchTimeoutSeconds: 60)
        let running = Task { await controller.run(workers: 2) }
        defer { running.cancel() }
        try await harness.eventually {
            try await harness.memberReplicas("default", "fed-dp-gpu") == [Self.vke1: 4, Self.vke2: 4, Self.ack: 2]
        }
        let ack = harness.members[Self.ack]!
        let before = try await ack.api.get(.deployments, namespace: "default", name: "fed-dp-gpu")

        await ack.server.stop()
        _ = try await harness.hostAPI.patch(.deployments, namespace: "default", name: "fed-dp-gpu", ["spec": ["replicas": 15]])
        // The reachable members are updated while ACK-POC is down.
        try await harness.eventually {
            let replicas = try await harness.memberReplicas("default", "fed-dp-gpu", clusters: [Self.vke1, Self.vke2])
            return replicas == [Self.vke1: 6, Self.vke2: 6]
        }
        try await harness.eventually { await controller.queue.failures(of: Self.workloadKey) > 0 }

        try await ack.server.start()
        // Failed reconciles back off on the controller's clock; move it past any backoff.
        try await harness.eventually {
            harness.clock.advance(by: .seconds(60))
            return try await harness.memberReplicas("default", "fed-dp-gpu")[Self.ack] == 3
        }
        let after = try await ack.api.get(.deployments, namespace: "default", name: "fed-dp-gpu")
        #expect(after[path: ["metadata", "uid"]] == before[path: ["metadata", "uid"]], "the member object was recreated")
        #expect(try await harness.memberReplicas("default", "fed-dp-gpu") == [Self.vke1: 6, Self.vke2: 6, Self.ack: 3])
    }

    static let workloadKey = ObjectKey(
        resource: KubeClient.APIResource.deployments.groupResource, namespace: "default", name: "fed-dp-gpu")
}
