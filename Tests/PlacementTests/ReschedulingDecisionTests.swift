import KubeObjects
import Testing

@testable import Placement

/// kubeadmiral-planner.md §5: which changes reschedule, which are deferred, and why.
@Suite("Rescheduling decisions")
struct ReschedulingDecisionTests {
    static func triggers(
        replicas: Int64 = 10, policyHash: String = "p1", clusters: [String] = ["a", "b"],
        labels: [String: String] = ["a": "l1", "b": "l1"], taints: [String: String] = ["a": "t", "b": "t"],
        apiResources: [String: String] = ["a": "r", "b": "r"], autoMigrationInfo: String? = nil
    ) -> SchedulingTriggers {
        var value = SchedulingTriggers(annotation: SchedulingTriggers.emptyJSON)!
        value.replicaCount = replicas
        value.policyContentHash = policyHash
        value.clusters = clusters
        value.clusterLabelsHashes = labels
        value.clusterTaintsHashes = taints
        value.clusterAPIResourceTypesHashes = apiResources
        value.autoMigrationInfo = autoMigrationInfo
        return value
    }

    static let defaults = ReschedulePolicy.default

    @Test("the first scheduling always runs")
    func firstScheduling() {
        #expect(ReschedulingDecision.decide(previous: nil, current: Self.triggers(), policy: Self.defaults).reschedules)
    }

    @Test("nothing changed: keep the placement")
    func unchanged() {
        #expect(ReschedulingDecision.decide(previous: Self.triggers(), current: Self.triggers(), policy: Self.defaults) == .unchanged)
    }

    @Test("replica count and auto-migration info are stable triggers, even with rescheduling disabled")
    func stableTriggers() {
        let sticky = ReschedulePolicy(disableRescheduling: true)
        #expect(ReschedulingDecision.decide(
            previous: Self.triggers(), current: Self.triggers(replicas: 15), policy: sticky).reschedules)
        #expect(ReschedulingDecision.decide(
            previous: Self.triggers(), current: Self.triggers(autoMigrationInfo: "{}"), policy: sticky).reschedules)
    }

    @Test("optional triggers follow rescheduleWhen, and deferrals name the trigger")
    func optionalTriggers() {
        let changedPolicy = Self.triggers(policyHash: "p2")
        #expect(ReschedulingDecision.decide(previous: Self.triggers(), current: changedPolicy, policy: Self.defaults).reschedules)
        let off = ReschedulePolicy(rescheduleWhen: RescheduleTriggers(policyContentChanged: false))
        #expect(ReschedulingDecision.decide(previous: Self.triggers(), current: changedPolicy, policy: off)
            == .deferred(reasons: ["policyContentChanged:false"]))
        let joined = Self.triggers(
            clusters: ["a", "b", "c"], labels: ["a": "l1", "b": "l1", "c": "l1"], taints: ["a": "t", "b": "t", "c": "t"],
            apiResources: ["a": "r", "b": "r", "c": "r"])
        #expect(ReschedulingDecision.decide(previous: Self.triggers(), current: joined, policy: Self.defaults)
            == .deferred(reasons: ["clusterJoined:false"]))
        let joinOn = ReschedulePolicy(rescheduleWhen: RescheduleTriggers(clusterJoined: true))
        #expect(ReschedulingDecision.decide(previous: Self.triggers(), current: joined, policy: joinOn).reschedules)
    }

    @Test("taint changes and removed clusters reschedule unless rescheduling is off altogether")
    func taintsAndRemovals() {
        let tainted = Self.triggers(taints: ["a": "t2", "b": "t"])
        #expect(ReschedulingDecision.decide(previous: Self.triggers(), current: tainted, policy: Self.defaults).reschedules)
        #expect(ReschedulingDecision.decide(
            previous: Self.triggers(), current: tainted, policy: ReschedulePolicy(rescheduleWhen: nil))
            == .deferred(reasons: ["rescheduleWhen:nil"]))
        let removed = Self.triggers(clusters: ["a"], labels: ["a": "l1"], taints: ["a": "t"], apiResources: ["a": "r"])
        #expect(ReschedulingDecision.decide(previous: Self.triggers(), current: removed, policy: Self.defaults).reschedules)
    }

    @Test("the triggers survive the annotation round trip")
    func annotationRoundTrip() {
        let value = Self.triggers(replicas: 7, autoMigrationInfo: "{\"estimatedCapacity\":{}}")
        #expect(SchedulingTriggers(annotation: value.json.jsonString) == value)
        #expect(SchedulingTriggers(annotation: "not json") == nil)
    }
}

extension SchedulingTriggers {
    static let emptyJSON = """
        {"schedulingAnnotationsHash":"0","replicaCount":0,"resourceRequest":{},"policyName":"p",
        "policyContentHash":"0","clusters":[],"clusterLabelsHashes":{},"clusterTaintsHashes":{},
        "clusterAPIResourceTypesHashes":{}}
        """
}
