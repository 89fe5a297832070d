import KubeObjects
import Testing

@testable import Placement

/// A workload whose first scheduling found no cluster (it was applied before its member joined)
/// is placed as soon as a cluster can take it, and that placement is a scheduling of its own.
@Suite("Scheduling a workload that is placed nowhere")
struct UnplacedWorkloadTests {
    static let policy = #"{"schedulingMode": "Divide"}"#

    /// The Deployment as the controller leaves it after a scheduling: the placement and, when it
    /// was a real scheduling, the triggers in its annotations.
    static func workload(after outcome: SchedulingOutcome?) throws -> Workload {
        var annotations: [String: String] = [:]
        if let outcome {
            var placement = JSONObject()
            for member in outcome.plan.clusters { placement[member.cluster] = member.replicas.map { .int($0) } ?? .null }
            annotations[SchedulingAnnotation.placement] = JSONValue.object(placement).jsonString
            annotations[SchedulingTriggers.annotation] = outcome.triggers?.json.jsonString
        }
        return try Fixtures.deployment(annotations: annotations, gpu: false)
    }

    static func schedule(after previous: SchedulingOutcome?, clusters: [FederatedCluster]) throws -> SchedulingOutcome {
        let inventory = ObjectInventory([try Fixtures.policyJSON(policy)], decodedClusters: clusters.map { .success($0) })
        let outcome = PlacementEngine.schedule(
            try workload(after: previous), in: inventory, now: Fixtures.now, previous: previous?.triggers)
        return try #require(outcome)
    }

    @Test("placed once a cluster joins, with the joined cluster in the stored triggers and a reason to say so")
    func placedWhenAClusterJoins() throws {
        let first = try Self.schedule(after: nil, clusters: [try Fixtures.cluster("a", joined: "False")])
        #expect(first.plan.clusters.isEmpty)
        #expect(first.triggers?.clusters == [])

        // KubeAdmiral would defer this (clusterJoined:false) and leave the workload unplaced.
        let joined = try Self.schedule(after: first, clusters: [try Fixtures.cluster("a")])
        #expect(joined.decision == .reschedule(reason: "nothing was placed yet"))
        #expect(joined.plan.clusters.map(\.cluster) == ["a"])
        #expect(joined.plan.clusters.first?.replicas == 10)
        #expect(joined.triggers?.clusters == ["a"])

        // Once placed, the rules apply as before: another cluster joining is deferred.
        let more = try Self.schedule(after: joined, clusters: [try Fixtures.cluster("a"), try Fixtures.cluster("b")])
        #expect(more.decision == .deferred(reasons: ["clusterJoined:false"]))
        #expect(more.plan.clusters.map(\.cluster) == ["a"])
    }

    @Test("a cluster that becomes ready changes no trigger, yet places a workload that is placed nowhere")
    func placedWhenAClusterBecomesReady() throws {
        let first = try Self.schedule(after: nil, clusters: [try Fixtures.cluster("a", ready: "False")])
        #expect(first.plan.clusters.isEmpty)
        let ready = try Self.schedule(after: first, clusters: [try Fixtures.cluster("a")])
        #expect(ready.decision.reschedules)
        #expect(ready.plan.clusters.map(\.cluster) == ["a"])
    }

    @Test("still nowhere: nothing is decided anew, and the placement stays empty")
    func stillNowhere() throws {
        let first = try Self.schedule(after: nil, clusters: [try Fixtures.cluster("a", joined: "False")])
        let again = try Self.schedule(after: first, clusters: [try Fixtures.cluster("a", joined: "False")])
        #expect(again.plan.clusters.isEmpty)
        #expect(again.triggers == first.triggers)
    }
}
