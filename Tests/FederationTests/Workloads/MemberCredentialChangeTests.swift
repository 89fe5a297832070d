import Federation
import KubeClient
import KubeObjects
import KubeSim
import Testing

/// A member's client is replaced (its Secret or endpoint changed): the workload controller reads
/// and writes that member through the new client from then on, without being restarted.
@Suite("Workload controller: a member's credentials change", .timeLimit(.minutes(2)))
struct MemberCredentialChangeTests {
    static let vke1 = "cclt81kqnjbeqedvbbt0g", vke2 = "ccltbv1p1h4ho7pq6sugg", ack = "cclt75bp1h4ho7pq6su9g"

    static func credentials(_ cluster: String, port: Int) throws -> MemberCredentials {
        MemberCredentials(
            cluster: cluster, server: try ServerURL(validating: "http://127.0.0.1:\(port)"), certificateAuthority: nil,
            insecure: false, authentication: .bearerToken(Secret("token"), key: "service-account-token-data"))
    }

    @Test("a member that moves to a new endpoint gets its share there; the old endpoint's object is left alone")
    func memberMovesEndpoint() async throws {
        let harness = try await FederationHarness.start()
        defer { Task { await harness.stop() } }
        try await harness.apply(scenario: "clusters.yaml", "policies.yaml", "deployment-weight.yaml")
        let clients = MemberClients()
        for (cluster, member) in harness.members {
            await clients.update(try Self.credentials(cluster, port: await member.server.port ?? 0))
        }
        let controller = WorkloadController(
            host: harness.hostAPI, clients: clients, clock: harness.clock, watchTimeoutSeconds: 60)
        let running = Task { await controller.run(workers: 2) }
        defer { running.cancel() }
        try await harness.eventually {
            try await harness.memberReplicas("default", "fed-dp-gpu") == [Self.vke1: 4, Self.vke2: 4, Self.ack: 2]
        }

        // ACK-POC's API server is now somewhere else, and that one has none of Flotilla's objects.
        let moved = KubeSimServer()
        defer { Task { await moved.stop() } }
        let movedAPI = FederationHarness.api(port: try await moved.start(), clock: harness.clock)
        await clients.update(try Self.credentials(Self.ack, port: await moved.port ?? 0))

        // Nothing else happens on the host: following the new client is enough.
        try await harness.eventually(within: .seconds(30), "the member's share is created at its new endpoint") {
            let copy = try? await movedAPI.get(.deployments, namespace: "default", name: "fed-dp-gpu")
            return copy?[path: ["spec", "replicas"]]?.intValue == 2
        }
        // A later change reaches the new endpoint, and only it, for that member.
        _ = try await harness.hostAPI.patch(.deployments, namespace: "default", name: "fed-dp-gpu", ["spec": ["replicas": 15]])
        try await harness.eventually(within: .seconds(30), "the scale reaches the new endpoint") {
            let copy = try await movedAPI.get(.deployments, namespace: "default", name: "fed-dp-gpu")
            return copy[path: ["spec", "replicas"]]?.intValue == 3
        }
        let old = try await harness.members[Self.ack]!.api.get(.deployments, namespace: "default", name: "fed-dp-gpu")
        #expect(old[path: ["spec", "replicas"]]?.intValue == 2, "the old endpoint was written after the move")
    }
}
