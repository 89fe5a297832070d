import Federation
import KubeClient
import KubeObjects
import Placement
import Testing

/// The workload controller against in-process API servers: a host with the scenario's policies
/// and clusters, and three members.
@Suite("Workload controller", .timeLimit(.minutes(2)))
struct WorkloadControllerTests {
    static let vke1 = "cclt81kqnjbeqedvbbt0g", vke2 = "ccltbv1p1h4ho7pq6sugg", ack = "cclt75bp1h4ho7pq6su9g"

    /// Starts the federation, applies clusters and policies, runs the controller around `body`.
    func withFederation(_ body: (FederationHarness, WorkloadController) async throws -> Void) async throws {
        let harness = try await FederationHarness.start()
        try await harness.apply(scenario: "clusters.yaml", "policies.yaml")
        let controller = WorkloadController(
            host: harness.hostAPI, clients: harness.memberClients, clock: harness.clock, watchTimeoutSeconds: 60)
        let running = Task { await controller.run(workers: 2) }
        do {
            try await body(harness, controller)
        } catch {
            running.cancel()
            await running.value
            await harness.stop()
            throw error
        }
        running.cancel()
        await running.value
        await harness.stop()
    }

    func applyWorkload(_ harness: FederationHarness, file: String = "deployment-weight.yaml") async throws {
        for object in try FederationHarness.scenario(file) { try await harness.apply(object) }
    }

    /// Where the weighted workload lands: 40/40/20 of 10 replicas.
    static let weightedLayout: [String: Int64] = [vke1: 4, vke2: 4, ack: 2]

    /// Applies the weighted workload and waits until the members hold `weightedLayout`.
    func applyWeightedWorkloadUntilPlaced(_ harness: FederationHarness) async throws {
        try await applyWorkload(harness)
        try await harness.eventually { try await harness.memberReplicas("default", "fed-dp-gpu") == Self.weightedLayout }
    }

    @Test("a weighted workload lands 4/4/2 with each cloud's override, and the host records the placement")
    func placesTheScenarioWorkload() async throws {
        try await withFederation { harness, _ in
            try await applyWeightedWorkloadUntilPlaced(harness)

            let vke = try await harness.members[Self.vke1]!.api.get(.deployments, namespace: "default", name: "fed-dp-gpu")
            let annotations = vke[path: ["spec", "template", "metadata", "annotations"]]
            #expect(annotations?["vci.vke.volcengine.com/preferred-instance-types"] == "vci.g1v.2xlarge")
            #expect(annotations?["k8s.aliyun.com/eci-use-specs"] == nil)
            #expect(vke[path: ["metadata", "labels", MemberObject.managedByLabel]] == "flotilla")
            #expect(vke[path: ["metadata", "labels", PolicyLabel.propagationPolicy]] == nil)
            let ackObject = try await harness.members[Self.ack]!.api.get(.deployments, namespace: "default", name: "fed-dp-gpu")
            #expect(ackObject[path: ["spec", "template", "metadata", "annotations", "k8s.aliyun.com/eci-use-specs"]]
                == "ecs.gn5i-c2g1.large")

            try await harness.eventually {
                let host = try await harness.hostAPI.get(.deployments, namespace: "default", name: "fed-dp-gpu")
                return host[path: ["metadata", "annotations", SchedulingAnnotation.placement]] != nil
            }
            let host = try await harness.hostAPI.get(.deployments, namespace: "default", name: "fed-dp-gpu")
            let placement = try JSONValue(
                parsing: host[path: ["metadata", "annotations", SchedulingAnnotation.placement]]?.stringValue ?? "")
            #expect(placement == [Self.vke1: 4, Self.vke2: 4, Self.ack: 2])
            #expect(host[path: ["metadata", "finalizers"]] == [.string(WorkloadReconciler.finalizer)])
            #expect(host[path: ["spec", "template", "metadata", "annotations"]] == [:], "the host template is unchanged")
        }
    }

    @Test("scaling the host scales the members in place")
    func scalingUpdatesMembers() async throws {
        try await withFederation { harness, _ in
            try await applyWorkload(harness)
            try await harness.eventually { try await harness.memberReplicas("default", "fed-dp-gpu").count == 3 }
            let before = try await harness.members[Self.vke1]!.api.get(.deployments, namespace: "default", name: "fed-dp-gpu")
            _ = try await harness.hostAPI.patch(.deployments, namespace: "default", name: "fed-dp-gpu", ["spec": ["replicas": 15]])
            let expected: [String: Int64] = [Self.vke1: 6, Self.vke2: 6, Self.ack: 3]
            try await harness.eventually { try await harness.memberReplicas("default", "fed-dp-gpu") == expected }
            let after = try await harness.members[Self.vke1]!.api.get(.deployments, namespace: "default", name: "fed-dp-gpu")
            #expect(after[path: ["metadata", "uid"]] == before[path: ["metadata", "uid"]], "updated, not recreated")
        }
    }

    @Test("a cluster dropped from the policy loses its member object; the others keep theirs")
    func deselectedClusterIsCleanedUp() async throws {
        try await withFederation { harness, _ in
            try await applyWorkload(harness)
            try await harness.eventually { try await harness.memberReplicas("default", "fed-dp-gpu").count == 3 }
            let policy = try await harness.hostAPI.get(.propagationPolicies, namespace: "default", name: "fed-pp-weight")
            var placement = policy[path: ["spec", "placement"]]?.arrayValue ?? []
            placement.removeAll { $0["cluster"]?.stringValue == Self.ack }
            _ = try await harness.hostAPI.patch(
                .propagationPolicies, namespace: "default", name: "fed-pp-weight", ["spec": ["placement": .array(placement)]])
            try await harness.eventually {
                try await harness.memberReplicas("default", "fed-dp-gpu") == [Self.vke1: 5, Self.vke2: 5]
            }
        }
    }

    @Test("deleting the host workload removes every member object, then the finalizer")
    func deletionCleansUpMembers() async throws {
        try await withFederation { harness, _ in
            try await applyWorkload(harness)
            try await harness.eventually { try await harness.memberReplicas("default", "fed-dp-gpu").count == 3 }
            try await harness.hostAPI.delete(.deployments, namespace: "default", name: "fed-dp-gpu")
            try await harness.eventually { try await harness.memberReplicas("default", "fed-dp-gpu").isEmpty }
            try await harness.eventually {
                do {
                    _ = try await harness.hostAPI.get(.deployments, namespace: "default", name: "fed-dp-gpu")
                    return false
                } catch {
                    return (error as? KubeAPIError)?.code == .notFound
                }
            }
        }
    }

    @Test("an object Flotilla did not create is not overwritten, and an Event says why")
    func refusesToAdopt() async throws {
        try await withFederation { harness, _ in
            let foreign: JSONValue = [
                "apiVersion": "apps/v1", "kind": "Deployment",
                "metadata": ["name": "fed-dp-gpu", "namespace": "default", "labels": ["owner": "someone-else"]],
                "spec": [
                    "replicas": 1, "selector": ["matchLabels": ["app": "other"]],
                    "template": ["metadata": ["labels": ["app": "other"]], "spec": ["containers": [["name": "c", "image": "x"]]]],
                ],
            ]
            _ = try await harness.members[Self.ack]!.api.create(.deployments, namespace: "default", foreign)
            try await applyWorkload(harness)
            try await harness.eventually { try await harness.memberReplicas("default", "fed-dp-gpu")[Self.vke1] == 4 }
            try await harness.eventually {
                let events = try await harness.hostAPI.list(.events, namespace: "default")
                return events.items.contains { $0["reason"]?.stringValue == "AdoptionRefused" }
            }
            let untouched = try await harness.members[Self.ack]!.api.get(.deployments, namespace: "default", name: "fed-dp-gpu")
            #expect(untouched[path: ["spec", "replicas"]] == 1)
            #expect(untouched[path: ["metadata", "labels", "owner"]] == "someone-else")
        }
    }

    @Test("member statuses are summed on the host, and a member that has not reported is named")
    func aggregatesStatus() async throws {
        try await withFederation { harness, _ in
            try await applyWorkload(harness)
            try await harness.eventually { try await harness.memberReplicas("default", "fed-dp-gpu").count == 3 }
            for (cluster, ready) in [(Self.vke1, 4), (Self.vke2, 3)] {
                let api = harness.members[cluster]!.api
                var object = try await api.get(.deployments, namespace: "default", name: "fed-dp-gpu")
                object["status"] = [
                    "observedGeneration": object[path: ["metadata", "generation"]] ?? 1, "replicas": 4,
                    "updatedReplicas": 4, "readyReplicas": .int(Int64(ready)), "availableReplicas": .int(Int64(ready)),
                ]
                _ = try await api.updateSubresource(.deployments, object, subresource: "status")
            }
            try await harness.eventually {
                let host = try await harness.hostAPI.get(.deployments, namespace: "default", name: "fed-dp-gpu")
                return host[path: ["status", "readyReplicas"]] == 7
            }
            let host = try await harness.hostAPI.get(.deployments, namespace: "default", name: "fed-dp-gpu")
            #expect(host[path: ["status", "replicas"]] == 8)
            let reported = host[path: ["status", "conditions"]]?.arrayValue?.first { $0["type"] == "MembersReported" }
            #expect(reported?["status"] == "False")
            #expect(reported?["message"]?.stringValue?.contains(Self.ack) == true)
        }
    }
}
