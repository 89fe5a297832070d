import Federation
import KubeClient
import KubeObjects
import Placement
import Testing

/// The cluster controller against a simulated host and members, on virtual time.
@Suite(.timeLimit(.minutes(2)))
struct ClusterControllerTests {
    /// A host with the CRD, and members `member-1` (two GPU nodes of 8 and a cordoned one, 6 GPUs
    /// in use) and `member-2` (one GPU node of 4, one tainted, one not ready).
    struct Fleet {
        let clock: ManualClock
        let host: SimCluster
        let members: [String: SimCluster]

        static func start() async throws -> Fleet {
            let clock = ManualClock()
            let host = try await SimCluster.start(clock: clock)
            try await host.installFederation()
            let one = try await SimCluster.start()
            try await one.createWithStatus(.nodes, Fixtures.node("gpu-a", gpus: 8))
            try await one.createWithStatus(.nodes, Fixtures.node("gpu-b", gpus: 8))
            try await one.createWithStatus(.nodes, Fixtures.node("gpu-cordoned", gpus: 8, unschedulable: true))
            try await one.createWithStatus(.pods, Fixtures.pod("train-0", gpus: 4))
            try await one.createWithStatus(.pods, Fixtures.pod("train-1", gpus: 2, asLimit: true, phase: "Pending"))
            try await one.createWithStatus(.pods, Fixtures.pod("done", gpus: 8, phase: "Succeeded"))
            let two = try await SimCluster.start()
            try await two.createWithStatus(.nodes, Fixtures.node("gpu-a", gpus: 4))
            try await two.createWithStatus(.nodes, Fixtures.node("gpu-tainted", gpus: 4, taint: "NoSchedule"))
            try await two.createWithStatus(.nodes, Fixtures.node("gpu-down", gpus: 4, ready: false))
            for (name, member) in [("member-1", one), ("member-2", two)] {
                try await host.create(.secrets, Fixtures.secret(name, token: "token-of-\(name)"))
                try await host.create(Fixtures.federatedClusters, Fixtures.federatedCluster(name, endpoint: member.url))
            }
            return Fleet(clock: clock, host: host, members: ["member-1": one, "member-2": two])
        }

        func stop() async {
            await host.stop()
            for member in members.values { await member.stop() }
        }
    }

    static let both = ["member-1", "member-2"]

    @Test func eachMemberReportsItsSchedulableGPUsNodesAndAPITypes() async throws {
        let fleet = try await Fleet.start()
        let harness = await ControllerHarness.start(host: fleet.host, clock: fleet.clock)
        await harness.settle(Self.both, after: 0)

        let one = try await harness.cluster("member-1").status
        #expect(
            one.conditionSummary == [
                "Joined=True/ClusterJoined", "Ready=True/ClusterReady", "Offline=False/ClusterReachable",
            ])
        #expect(one.resources.schedulableNodes == 2)
        #expect(one.resources.allocatable.value(of: "nvidia.com/gpu") == 16)
        #expect(
            one.resources.available.value(of: "nvidia.com/gpu") == 10, "16 minus 4 running and 2 pending (limit only)")
        #expect(one.resources.allocatable.quantities["memory"]?.description == "1Ti", "2 × 512Gi")
        #expect(one.resources.available.milliValue(of: "cpu") == 126_000)
        #expect(!one.resources.allocatable.contains("pods"))

        let two = try await harness.cluster("member-2").status
        #expect(two.resources.schedulableNodes == 1)
        #expect(two.resources.allocatable.value(of: "nvidia.com/gpu") == 4)
        #expect(two.resources.available.value(of: "nvidia.com/gpu") == 4)

        let kinds = one.apiResourceTypes.map(\.kind)
        #expect(kinds == kinds.sorted())
        #expect(
            one.apiResourceTypes.contains(
                Placement.APIResource(
                    group: "apps", version: "v1", kind: "Deployment", pluralName: "deployments", scope: "Namespaced")))
        #expect(one.apiResourceTypes.contains { $0.pluralName == "nodes" && $0.scope == "Cluster" })
        #expect(!one.apiResourceTypes.contains { $0.pluralName.contains("/") }, "subresources are skipped")

        let client = try #require(await harness.controller.memberClients.client(for: "member-1"))
        #expect(try await client.list(.nodes).items.count == 3, "the client reaches the member itself")
        #expect(await harness.controller.memberClients.clusterNames == Self.both)
        #expect(await harness.controller.clustersSnapshot().count == 2)
        await harness.stop()
        await fleet.stop()
    }

    @Test func statusIsRewrittenOnlyWhenSomethingChangedAndTransitionTimesStay() async throws {
        let fleet = try await Fleet.start()
        let harness = await ControllerHarness.start(host: fleet.host, clock: fleet.clock)
        await harness.settle(Self.both, after: 0)
        let first = try await fleet.host.federatedCluster("member-1")
        let firstReady = try #require(try FederatedCluster.decode(first).status.condition(.ready))

        await harness.advance(by: .seconds(30), settling: Self.both)
        let unchanged = try await fleet.host.federatedCluster("member-1")
        #expect(unchanged[path: ["metadata", "resourceVersion"]] == first[path: ["metadata", "resourceVersion"]])

        try await fleet.members["member-1"]!.createWithStatus(.pods, Fixtures.pod("train-2", gpus: 3))
        await harness.advance(by: .seconds(30), settling: Self.both)
        let status = try await harness.cluster("member-1").status
        let ready = try #require(status.condition(.ready))
        #expect(status.resources.available.value(of: "nvidia.com/gpu") == 7)
        #expect(ready.lastTransitionTime == firstReady.lastTransitionTime)
        #expect(ready.lastProbeTime == firstReady.lastProbeTime.map { $0 + .seconds(60) })
        await harness.stop()
        await fleet.stop()
    }

    @Test func aStoppedMemberGoesOfflineOnlyOnceTheThresholdHasPassedWhileTheOtherStaysReady() async throws {
        let fleet = try await Fleet.start()
        let harness = await ControllerHarness.start(host: fleet.host, clock: fleet.clock)
        await harness.settle(Self.both, after: 0)
        await fleet.members["member-2"]!.stop()

        // Probes at 30, 60, 90 and 120 s fail; the first failure was seen at 30 s, so the change
        // is published by the first probe at least 100 s later: the one at 150 s.
        for _ in 1...4 {
            await harness.advance(by: .seconds(30), settling: Self.both)
            #expect(try await harness.cluster("member-2").status.isReady, "held back at \(fleet.clock.now)")
        }
        await harness.advance(by: .seconds(30), settling: Self.both)
        let two = try await harness.cluster("member-2").status
        #expect(
            two.conditionSummary == [
                "Joined=True/ClusterJoined", "Ready=Unknown/ClusterNotReachable", "Offline=True/ClusterNotReachable",
            ])
        #expect(two.condition(.offline)?.lastTransitionTime == Timestamp(secondsSinceEpoch: 1_767_225_600 + 150))
        #expect(two.resources.allocatable.value(of: "nvidia.com/gpu") == 4, "the last figures stand")
        #expect(try await harness.cluster("member-1").status.conditionSummary.contains("Ready=True/ClusterReady"))
        await harness.stop()
        await fleet.stop()
    }

    @Test func aMemberThatDoesNotAnswerTimesOutAndTheOtherIsStillProbed() async throws {
        let fleet = try await Fleet.start()
        await fleet.members["member-2"]!.server.setLatency(.seconds(3))
        // A 2 s period makes each probe request time out after 1 s (half the period).
        let settings = ClusterHealthSettings(healthCheckPeriod: .seconds(2))
        let harness = await ControllerHarness.start(host: fleet.host, clock: fleet.clock, settings: settings)
        await harness.settle(Self.both, after: 0)

        let two = try await harness.cluster("member-2").status
        #expect(
            two.conditionSummary == [
                "Joined=False/ClusterNotReachable", "Ready=Unknown/ClusterNotReachable",
                "Offline=True/ClusterNotReachable",
            ])
        #expect(try await harness.cluster("member-1").status.isReady)
        await fleet.members["member-2"]!.server.setLatency(.zero)
        await harness.stop()
        await fleet.stop()
    }

    @Test func aChangedSecretRebuildsTheClientAndADeletedClusterDropsIt() async throws {
        let fleet = try await Fleet.start()
        let harness = await ControllerHarness.start(host: fleet.host, clock: fleet.clock)
        let changes = ChangeLog()
        await harness.controller.memberClients.addHandler { await changes.record($0) }
        await harness.settle(Self.both, after: 0)
        let clients = harness.controller.memberClients
        let before = try #require(await clients.credentials(for: "member-1"))

        var mark = await harness.log.mark()
        var secret = try await fleet.host.api.get(.secrets, namespace: Fixtures.namespace, name: "member-1")
        secret["data"] = Fixtures.secret("member-1", token: "rotated-token")["data"]
        _ = try await fleet.host.api.update(.secrets, secret)
        await harness.settle(["member-1"], after: mark)
        let after = try #require(await clients.credentials(for: "member-1"))
        #expect(after != before)
        #expect(after.server == before.server)

        mark = await harness.log.mark()
        try await fleet.host.api.delete(Fixtures.federatedClusters, name: "member-1")
        await harness.settle(["member-1"], after: mark)
        #expect(await clients.client(for: "member-1") == nil)
        #expect(await clients.clusterNames == ["member-2"])
        #expect(
            await changes.all.filter { $0 != .added("member-2") } == [
                .added("member-1"), .replaced("member-1"), .removed("member-1"),
            ])
        await harness.stop()
        await fleet.stop()
    }
}

/// `MemberClients` changes, in order.
actor ChangeLog {
    private(set) var all: [MemberClients.Change] = []
    func record(_ change: MemberClients.Change) { all.append(change) }
}
