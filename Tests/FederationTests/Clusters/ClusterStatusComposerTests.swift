import KubeClient
import KubeObjects
import Placement
import Testing

@testable import Federation

/// How an observation becomes the published status: timestamps, held-back health, kept figures.
@Suite struct ClusterStatusComposerTests {
    static let start = Timestamp(secondsSinceEpoch: 1_767_225_600)
    static let readyProbe = ClusterProbeResult(
        health: .ready,
        resources: ClusterResources(schedulableNodes: 1, allocatable: ResourceList(["nvidia.com/gpu": Quantity(4)])),
        apiResourceTypes: [])
    static let refused = ClusterProbeResult(
        health: .unreachable(KubeAPIError(transport: TransportError(.connectFailed, "connection refused"))))

    func compose(
        _ composer: inout ClusterStatusComposer, _ published: FederatedClusterStatus, _ probe: ClusterProbeResult,
        at seconds: Int64
    ) -> FederatedClusterStatus {
        composer.compose(
            published: published, observation: ClusterObservation(probe: probe, wasJoined: published.isJoined),
            now: ClockInstant(offset: .seconds(seconds)), wallTime: Self.start + .seconds(seconds))
    }

    @Test func anUnchangedObservationLeavesTheStatusExactlyAsPublished() {
        var composer = ClusterStatusComposer(threshold: FlapThreshold())
        let first = compose(&composer, FederatedClusterStatus(), Self.readyProbe, at: 0)
        #expect(first.conditions.allSatisfy { $0.lastProbeTime == Self.start && $0.lastTransitionTime == Self.start })
        #expect(compose(&composer, first, Self.readyProbe, at: 30) == first)
    }

    @Test func aHeldBackChangeKeepsReadyAndTheFiguresThenPublishesWithNewTimes() {
        var composer = ClusterStatusComposer(threshold: FlapThreshold(threshold: .seconds(100)))
        let ready = compose(&composer, FederatedClusterStatus(), Self.readyProbe, at: 0)
        let held = compose(&composer, ready, Self.refused, at: 30)
        #expect(held == ready)
        let published = compose(&composer, held, Self.refused, at: 130)
        #expect(
            published.conditionSummary == [
                "Joined=True/ClusterJoined", "Ready=Unknown/ClusterNotReachable", "Offline=True/ClusterNotReachable",
            ])
        #expect(published.condition(.joined)?.lastTransitionTime == Self.start, "still joined since the start")
        #expect(published.condition(.ready)?.lastTransitionTime == Self.start + .seconds(130))
        #expect(published.conditions.allSatisfy { $0.lastProbeTime == Self.start + .seconds(130) })
        #expect(published.resources == ready.resources, "a failed probe keeps the last figures")
    }

    @Test func conditionsOfOtherTypesKeepTheirPlace() {
        var composer = ClusterStatusComposer(threshold: FlapThreshold())
        let custom = ClusterCondition(type: .init(rawValue: "Maintenance"), status: .false, reason: "None")
        let status = compose(&composer, FederatedClusterStatus(conditions: [custom]), Self.readyProbe, at: 0)
        #expect(status.conditions.map(\.type.rawValue) == ["Maintenance", "Joined", "Ready", "Offline"])
        #expect(status.conditions[0] == custom)
    }

    @Test func aClusterThatJoinsShowsItsHealthAtOnce() {
        var composer = ClusterStatusComposer(threshold: FlapThreshold(threshold: .seconds(100)))
        let missing = MemberCredentialsError(.secretNotFound, cluster: "c", secret: "ns/c", "not found")
        let waiting = composer.compose(
            published: FederatedClusterStatus(), observation: ClusterObservation(credentialsError: missing),
            now: .zero, wallTime: Self.start)
        #expect(waiting.conditionSummary == ["Joined=False/SecretNotFound", "Ready=False/SecretNotFound"])
        let joined = compose(&composer, waiting, Self.readyProbe, at: 10)
        #expect(
            joined.conditionSummary == [
                "Joined=True/ClusterJoined", "Ready=True/ClusterReady", "Offline=False/ClusterReachable",
            ])
    }

    @Test func aMemberNeverReachedIsNotJoined() {
        var composer = ClusterStatusComposer(threshold: FlapThreshold())
        let status = compose(&composer, FederatedClusterStatus(), Self.refused, at: 0)
        #expect(
            status.conditionSummary == [
                "Joined=False/ClusterNotReachable", "Ready=Unknown/ClusterNotReachable",
                "Offline=True/ClusterNotReachable",
            ])
    }
}
