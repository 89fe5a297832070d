import KubeObjects
@testable import Placement
import Testing

/// Capacity estimation, the annotation format, and the replicas plugins' NoSchedule cap (kubeadmiral-planner.md §3, §0).
@Suite("Auto-migration and plugin details")
struct AutoMigrationDetailsTests {
    @Test("A fully ready cluster reports its replicas as scheduled and no capacity, without looking at pods")
    func fastPath() {
        let estimate = CapacityEstimation.estimateCapacity(desiredReplicas: 8, statusReplicas: 5, readyReplicas: 5, pods: nil)
        #expect(estimate == ClusterCapacityEstimate(estimatedCapacity: nil, scheduledReplicas: 5))
    }

    /// desired, listed, unschedulable → written capacity (`nil`: no entry).
    static let capacityCases: [(desired: Int64, listed: Int64, unschedulable: Int64, capacity: Int64?)] = [
        (8, 8, 2, 6),  // all pods listed: 8 − 2
        (8, 5, 2, 6),  // pods not yet created count as schedulable: 8 − 2
        (8, 10, 2, nil),  // 10 − 2 reaches the desired 8: no entry
        (3, 3, 5, 0),  // clamped at 0
    ]

    @Test(
        "Capacity is the listed or desired pods minus the unschedulable ones, absent when it covers the desire",
        arguments: Self.capacityCases)
    func capacityRules(desired: Int64, listed: Int64, unschedulable: Int64, capacity: Int64?) {
        let estimate = CapacityEstimation.estimateCapacity(
            desiredReplicas: desired, statusReplicas: listed, readyReplicas: 0,
            pods: ListedPodCounts(listed: listed, scheduled: 1, unschedulable: unschedulable))
        #expect(estimate == ClusterCapacityEstimate(estimatedCapacity: capacity, scheduledReplicas: 1))
    }

    @Test("The annotation is written with sorted keys and reads back the same")
    func annotationRoundTrip() throws {
        let info = AutoMigrationInfo(estimates: [
            "zeta": ClusterCapacityEstimate(estimatedCapacity: 3, scheduledReplicas: 3),
            "alpha": ClusterCapacityEstimate(estimatedCapacity: nil, scheduledReplicas: 7),
        ])
        #expect(info.jsonValue.jsonString
            == #"{"estimatedCapacity":{"zeta":3},"scheduledReplicas":{"alpha":7,"zeta":3}}"#)
        #expect(try AutoMigrationInfo(json: info.jsonValue) == info)
        #expect(try AutoMigrationInfo(json: JSONValue(parsing: #"{"estimatedCapacity":null}"#)) == AutoMigrationInfo())
        #expect(throws: AutoMigrationInfoError.self) {
            try AutoMigrationInfo(json: JSONValue(parsing: #"{"scheduledReplicas":{"a":"x"}}"#))
        }
    }

    @Test("An untolerated NoSchedule taint lets a Binpack cluster shrink but never grow")
    func binpackNoScheduleCap() {
        let written = PreferenceBinPackPlugin.replicaScheduling(ReplicasPluginInput(
            DivisionTerms(totalReplicas: 10),
            clusters: [ReplicasPluginCluster(name: "A", hasUntoleratedNoScheduleTaint: true), ReplicasPluginCluster(name: "B")],
            currentClusters: ["A": .count(3)]))
        #expect(written == [ClusterReplicas(cluster: "A", replicas: 3), ClusterReplicas(cluster: "B", replicas: 7)])
    }

    @Test("A placement without a replicas override counts as holding all the replicas")
    func noOverrideMeansTotal() {
        let written = ClusterCapacityWeightPlugin.replicaScheduling(ReplicasPluginInput(
            DivisionTerms(totalReplicas: 6, avoidDisruption: true),
            clusters: [ReplicasPluginCluster(name: "A"), ReplicasPluginCluster(name: "B")],
            weights: ["A": 1, "B": 1], currentClusters: ["A": .noOverride]))
        #expect(written == [ClusterReplicas(cluster: "A", replicas: 6)])
    }
}

@Suite("Replicas plugin inputs")
struct ReplicasPluginInputTests {
    @Test("A negative capacity estimate is ignored rather than passed to the planner")
    func negativeEstimateIgnored() {
        let clusters = [ReplicasPluginCluster(name: "A"), ReplicasPluginCluster(name: "B")]
        let written = ClusterCapacityWeightPlugin.replicaScheduling(ReplicasPluginInput(
            DivisionTerms(totalReplicas: 4, estimatedCapacity: ["A": -1]), clusters: clusters, weights: ["A": 1, "B": 1]))
        #expect(written == [ClusterReplicas(cluster: "A", replicas: 2), ClusterReplicas(cluster: "B", replicas: 2)])
    }
}
