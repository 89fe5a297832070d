import Federation
import Foundation
import KubeClient
import KubeObjects
import Placement
import Testing

/// Joining: which credentials make a member joined, and how each problem is reported.
@Suite(.timeLimit(.minutes(2)))
struct MemberJoinTests {
    static let rightToken = "right-token-7f3a9c"
    static let wrongToken = "wrong-token-b21d44"

    @Test func aMemberThatRejectsTheTokenIsNotJoinedAndSaysWhyWithoutTheToken() async throws {
        let clock = ManualClock()
        let host = try await SimCluster.start(clock: clock)
        try await host.installFederation()
        let member = try await SimCluster.start(token: Self.rightToken)
        try await member.createWithStatus(.nodes, Fixtures.node("gpu-a", gpus: 8))
        try await host.create(.secrets, Fixtures.secret("good", token: Self.rightToken))
        try await host.create(.secrets, Fixtures.secret("bad", token: Self.wrongToken))
        try await host.create(Fixtures.federatedClusters, Fixtures.federatedCluster("good", endpoint: member.url))
        try await host.create(Fixtures.federatedClusters, Fixtures.federatedCluster("bad", endpoint: member.url))
        let harness = await ControllerHarness.start(host: host, clock: clock)
        await harness.settle(["good", "bad"], after: 0)

        let good = try await harness.cluster("good").status
        #expect(
            good.conditionSummary == [
                "Joined=True/ClusterJoined", "Ready=True/ClusterReady", "Offline=False/ClusterReachable",
            ])
        #expect(good.resources.allocatable.value(of: "nvidia.com/gpu") == 8)

        let bad = try await harness.cluster("bad")
        #expect(
            bad.status.conditionSummary == [
                "Joined=False/Unauthorized", "Ready=False/Unauthorized", "Offline=False/ClusterReachable",
            ])
        #expect(bad.status.condition(.joined)?.message.contains("401") == true)
        #expect(!bad.raw.jsonString.contains(Self.wrongToken))
        #expect(!bad.raw.jsonString.contains(Self.rightToken))
        await harness.stop()
        await host.stop()
        await member.stop()
    }

    @Test func aMissingSecretIsNamedAndCreatingItJoinsTheCluster() async throws {
        let clock = ManualClock()
        let host = try await SimCluster.start(clock: clock)
        try await host.installFederation()
        let member = try await SimCluster.start()
        try await host.create(Fixtures.federatedClusters, Fixtures.federatedCluster("orphan", endpoint: member.url))
        let harness = await ControllerHarness.start(host: host, clock: clock)
        await harness.settle(["orphan"], after: 0)

        let waiting = try await harness.cluster("orphan").status
        #expect(waiting.conditionSummary == ["Joined=False/SecretNotFound", "Ready=False/SecretNotFound"])
        #expect(waiting.condition(.joined)?.message.contains("Secret kube-admiral-system/orphan") == true)
        #expect(await harness.controller.memberClients.client(for: "orphan") == nil)

        let mark = await harness.log.mark()
        try await host.create(.secrets, Fixtures.secret("orphan", token: "t"))
        await harness.settle(["orphan"], after: mark)
        let joined = try await harness.cluster("orphan").status
        #expect(
            joined.conditionSummary == [
                "Joined=True/ClusterJoined", "Ready=True/ClusterReady", "Offline=False/ClusterReachable",
            ])
        #expect(await harness.controller.memberClients.client(for: "orphan") != nil)
        await harness.stop()
        await host.stop()
        await member.stop()
    }

    @Test func aSecretThatIsNotBase64IsReportedWithItsKey() async throws {
        let clock = ManualClock()
        let host = try await SimCluster.start(clock: clock)
        try await host.installFederation()
        try await host.create(.secrets, Fixtures.secret("garbled", data: ["bootstrap-token-data": "not base64!"]))
        try await host.create(
            Fixtures.federatedClusters, Fixtures.federatedCluster("garbled", endpoint: "http://127.0.0.1:9"))
        let harness = await ControllerHarness.start(host: host, clock: clock)
        await harness.settle(["garbled"], after: 0)

        let joined = try #require(try await harness.cluster("garbled").status.condition(.joined))
        #expect(joined.reason == "InvalidSecret")
        #expect(
            joined.message
                == "FederatedCluster garbled: Secret kube-admiral-system/garbled: key bootstrap-token-data: is not valid base64"
        )
        await harness.stop()
        await host.stop()
    }
}
