import Federation
import KubeClient
import KubeObjects
import Placement
import Testing

/// Deleting a host workload when one of its clusters cannot be cleaned: a cluster that left the
/// federation does not hold up the finalizer; a registered member that is down does.
@Suite("Workload controller: deletion with a member missing", .timeLimit(.minutes(2)))
struct WorkloadDeletionTests {
    static let vke1 = "cclt81kqnjbeqedvbbt0g", vke2 = "ccltbv1p1h4ho7pq6sugg", ack = "cclt75bp1h4ho7pq6su9g"
    static let workloadKey = ObjectKey(
        resource: KubeClient.APIResource.deployments.groupResource, namespace: "default", name: "fed-dp-gpu")

    func start() async throws -> FederationHarness {
        let harness = try await FederationHarness.start()
        try await harness.apply(scenario: "clusters.yaml", "policies.yaml", "deployment-weight.yaml")
        return harness
    }

    func run(_ harness: FederationHarness, clients: StaticMemberClients) -> (WorkloadController, Task<Void, Never>) {
        let controller = WorkloadController(
            host: harness.hostAPI, clients: clients, clock: harness.clock, watchTimeoutSeconds: 60)
        return (controller, Task { await controller.run(workers: 2) })
    }

    func waitUntilPlaced(_ harness: FederationHarness) async throws {
        try await harness.eventually(within: .seconds(60), "placed 4/4/2") {
            try await harness.memberReplicas("default", "fed-dp-gpu") == [Self.vke1: 4, Self.vke2: 4, Self.ack: 2]
        }
        try await harness.eventually(within: .seconds(60), "the placement annotation names the three clusters") {
            let host = try await harness.hostAPI.get(.deployments, namespace: "default", name: "fed-dp-gpu")
            let placement = host[path: ["metadata", "annotations", SchedulingAnnotation.placement]]?.stringValue ?? ""
            return [Self.vke1, Self.vke2, Self.ack].allSatisfy(placement.contains)
        }
    }

    @Test("deleting a workload whose cluster left the federation removes the finalizer; that cluster's copy is left in place")
    func removedClusterDoesNotBlockDeletion() async throws {
        let harness = try await start()
        defer { Task { await harness.stop() } }
        let (_, first) = run(harness, clients: harness.memberClients)
        try await waitUntilPlaced(harness)
        first.cancel()
        await first.value

        // While the controller is down, ACK-POC leaves the federation (its FederatedCluster and its
        // client are gone) and the workload is deleted: its placement still names ACK-POC.
        try await harness.hostAPI.delete(.federatedClusters, name: Self.ack)
        try await harness.hostAPI.delete(.deployments, namespace: "default", name: "fed-dp-gpu")
        var clients = harness.memberClients
        clients.clients[Self.ack] = nil
        let (_, second) = run(harness, clients: clients)
        defer { second.cancel() }

        try await harness.eventually(within: .seconds(60), "the host Deployment is gone") {
            try await harness.hostDeploymentIsGone("fed-dp-gpu")
        }
        #expect(try await harness.memberReplicas("default", "fed-dp-gpu") == [Self.ack: 2], "only ACK-POC's copy is left")
        let leftInPlace = try await harness.events("MemberLeftInPlace", about: "fed-dp-gpu")
        #expect(leftInPlace.count == 1)
        #expect(leftInPlace.first?["message"]?.stringValue?.contains("left in place in cluster \(Self.ack)") == true)
    }

    @Test("deleting a workload while a registered member is down keeps the finalizer until it returns, then cleans it")
    func unreachableMemberBlocksDeletion() async throws {
        let harness = try await start()
        defer { Task { await harness.stop() } }
        let (controller, running) = run(harness, clients: harness.memberClients)
        defer { running.cancel() }
        try await waitUntilPlaced(harness)

        let ack = harness.members[Self.ack]!
        await ack.server.stop()
        try await harness.hostAPI.delete(.deployments, namespace: "default", name: "fed-dp-gpu")
        try await harness.eventually(within: .seconds(60), "the reachable members cleaned") {
            try await harness.memberReplicas("default", "fed-dp-gpu", clusters: [Self.vke1, Self.vke2]).isEmpty
        }
        try await harness.eventually(within: .seconds(60), "the release failed and is retried") {
            await controller.queue.failures(of: Self.workloadKey) >= 2
        }
        for _ in 0..<3 {
            harness.clock.advance(by: .seconds(60))
            try await Task.sleep(for: .milliseconds(100))
        }
        let host = try await harness.hostAPI.get(.deployments, namespace: "default", name: "fed-dp-gpu")
        #expect(host[path: ["metadata", "finalizers"]] == [.string(WorkloadReconciler.finalizer)])
        #expect(try await harness.events("MemberLeftInPlace", about: "fed-dp-gpu").isEmpty)
        #expect(try await !harness.events("MemberSyncFailed", about: "fed-dp-gpu").isEmpty)

        try await ack.server.start()
        try await harness.eventually(within: .seconds(60), "the host Deployment is gone") {
            harness.clock.advance(by: .seconds(60))
            return try await harness.hostDeploymentIsGone("fed-dp-gpu")
        }
        #expect(try await harness.memberReplicas("default", "fed-dp-gpu").isEmpty, "ACK-POC's copy was deleted")
    }
}
