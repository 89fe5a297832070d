import Placement
import Testing

/// The reference GPU scenario: two VKE clusters and one ACK cluster, workload `default/fed-dp-gpu`.
@Suite("GPU placement scenario")
struct GPUScenarioTests {
    static let vke1 = "cclt81kqnjbeqedvbbt0g"  // VKE-POC1
    static let vke2 = "ccltbv1p1h4ho7pq6sugg"  // VKE-POC2
    static let ack = "cclt75bp1h4ho7pq6su9g"  // ACK-POC
    static let key = "default/fed-dp-gpu"

    static let weighted = [
        ClusterPreference(name: vke1, weight: 40, minReplicas: 2),
        ClusterPreference(name: vke2, weight: 40, minReplicas: 2),
        ClusterPreference(name: ack, weight: 20, minReplicas: 2),
    ]

    static let weightedExpectations: [(total: Int64, expected: [Int64])] = [(10, [4, 4, 2]), (15, [6, 6, 3]), (20, [8, 8, 4])]

    @Test(
        "Weights 40/40/20 with a minimum of 2 each divide 10, 15 and 20 replicas as 4/4/2, 6/6/3 and 8/8/4",
        arguments: Self.weightedExpectations)
    func weightedDivision(total: Int64, expected: [Int64]) {
        let division = SpreadPlanner.plan(ReplicaDivisionInput(
            DivisionTerms(totalReplicas: total, replicaSetKey: Self.key), clusters: Self.weighted))
        #expect(division.plan.map(\.replicas) == expected)
        #expect(division.overflow.isEmpty)
    }

    /// 20 replicas with room for only 6 on each VKE cluster, keeping what cannot be scheduled.
    static let constrained = DivisionTerms(
        totalReplicas: 20, estimatedCapacity: [vke1: 6, vke2: 6], replicaSetKey: key, avoidDisruption: false,
        keepUnschedulableReplicas: true)

    @Test("With room for only 6 on each VKE cluster, 20 replicas are written as 8/8/8, two pending on each VKE")
    func capacityOverflowStaysPending() {
        let division = SpreadPlanner.plan(ReplicaDivisionInput(Self.constrained, clusters: Self.weighted))
        #expect(division.planByCluster == [Self.vke1: 6, Self.vke2: 6, Self.ack: 8])
        #expect(division.overflowByCluster == [Self.vke1: 2, Self.vke2: 2])
        #expect(division.writtenByCluster == [Self.vke1: 8, Self.vke2: 8, Self.ack: 8])
    }

    @Test("The Spread plugin writes the same 8/8/8 for that capacity, in selection order")
    func pluginWritesPlanPlusOverflow() {
        let written = ClusterCapacityWeightPlugin.replicaScheduling(ReplicasPluginInput(
            Self.constrained, clusters: [Self.vke1, Self.vke2, Self.ack].map { ReplicasPluginCluster(name: $0) },
            weights: [Self.vke1: 40, Self.vke2: 40, Self.ack: 20],
            minReplicas: [Self.vke1: 2, Self.vke2: 2, Self.ack: 2]))
        #expect(written == [
            ClusterReplicas(cluster: Self.vke1, replicas: 8), ClusterReplicas(cluster: Self.vke2, replicas: 8),
            ClusterReplicas(cluster: Self.ack, replicas: 8),
        ])
    }

    @Test("Binpack with priorities 3/2/1 and a minimum of 2 each puts 10 replicas as 6/2/2")
    func binpackByPriority() {
        let byPriority = [Self.vke1, Self.vke2, Self.ack].map { ClusterPreference(name: $0, minReplicas: 2) }
        let division = BinpackPlanner.plan(ReplicaDivisionInput(DivisionTerms(totalReplicas: 10), clusters: byPriority))
        #expect(division.plan.map(\.replicas) == [6, 2, 2])
        #expect(division.overflow.isEmpty)
    }

    /// Part B's clusters in priority order (3/2/1), a minimum of 2 each.
    static let byPriority = [vke1, vke2, ack].map { ClusterPreference(name: $0, minReplicas: 2) }

    /// One Binpack pass of part B with fed-pp-priority's flags (no avoidDisruption, keep the
    /// unschedulable replicas) and the auto-migration info of the moment.
    static func partB(
        total: Int64, current: [String: Int64], estimated: [String: Int64], scheduled: [String: Int64]
    ) -> [String: Int64] {
        let terms = DivisionTerms(
            totalReplicas: total, estimatedCapacity: estimated, scheduledReplicas: scheduled, replicaSetKey: key,
            avoidDisruption: false, keepUnschedulableReplicas: true)
        return BinpackPlanner.plan(ReplicaDivisionInput(terms, clusters: Self.byPriority, currentReplicas: current))
            .writtenByCluster
    }

    /// One moment of part B: the layout before, the auto-migration info, and what the planner
    /// writes. The three steps where the walkthrough's table and KubeAdmiral's planner part ways
    /// (docs/demo.md), with the layouts the demo expects there, and the estimate the table's B4
    /// would need.
    struct PartBMoment: Sendable, CustomTestStringConvertible {
        var name: String
        var current: [String: Int64]
        var estimated: [String: Int64]
        var scheduled: [String: Int64]
        var written: [String: Int64]
        var testDescription: String { name }
    }

    static let partBMoments: [PartBMoment] = [
        PartBMoment(
            name: "B4: after B3 (VKE-POC1 can run 6), scaling 14 -> 20 gives VKE-POC2 12 at once: 16/12/2",
            current: [vke1: 10, vke2: 6, ack: 2], estimated: [vke1: 6], scheduled: [vke1: 6, vke2: 6, ack: 2],
            written: [vke1: 16, vke2: 12, ack: 2]),
        PartBMoment(
            name: "the walkthrough's B4 (16/6/2) is what an estimate of 12 for VKE-POC1 would give, not the 6 it has",
            current: [vke1: 10, vke2: 6, ack: 2], estimated: [vke1: 12], scheduled: [vke1: 12, vke2: 6, ack: 2],
            written: [vke1: 16, vke2: 6, ack: 2]),
        PartBMoment(
            name: "B5: once VKE-POC2's 6 pending pods cross the threshold, ACK-POC takes 8: 16/12/8",
            current: [vke1: 16, vke2: 12, ack: 2], estimated: [vke1: 6, vke2: 6], scheduled: [vke1: 6, vke2: 6, ack: 2],
            written: [vke1: 16, vke2: 12, ack: 8]),
        PartBMoment(
            name: "B7: with both VKE estimates at 8, VKE-POC2 keeps 2 pending, not 4, and ACK-POC gives 4 back: 16/10/4",
            current: [vke1: 16, vke2: 12, ack: 8], estimated: [vke1: 8, vke2: 8], scheduled: [vke1: 8, vke2: 8, ack: 8],
            written: [vke1: 16, vke2: 10, ack: 4]),
    ]

    @Test("Part B at 20 replicas, where the walkthrough and the planner part ways", arguments: Self.partBMoments)
    func partBAtTwenty(_ moment: PartBMoment) {
        let written = Self.partB(
            total: 20, current: moment.current, estimated: moment.estimated, scheduled: moment.scheduled)
        #expect(written == moment.written)
    }
}
