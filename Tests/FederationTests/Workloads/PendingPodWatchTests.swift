import Federation
import KubeClient
import KubeObjects
import Placement
import Testing

/// Auto-migration hears about member pods from its pod watch: a pending pod that becomes
/// unschedulable, or gets scheduled after all, moves the estimate with no change to the member's
/// Deployment and no timer.
extension WorkloadControllerTests {
    static let templateHash = "7c9d5f"

    /// A pod of the member Deployment's ReplicaSet, as its scheduler left it.
    static func pod(_ name: String, replicaSet: JSONValue, scheduled: Bool, since: String) -> JSONValue {
        [
            "apiVersion": "v1", "kind": "Pod",
            "metadata": [
                "name": .string(name), "namespace": "default",
                "labels": ["app": "gpu-demo", "pod-template-hash": .string(templateHash)],
                "ownerReferences": [
                    [
                        "apiVersion": "apps/v1", "kind": "ReplicaSet", "controller": true,
                        "name": replicaSet[path: ["metadata", "name"]] ?? "",
                        "uid": replicaSet[path: ["metadata", "uid"]] ?? "",
                    ]
                ],
            ],
            "spec": ["containers": [["name": "gpu-pod", "image": "gpu-burn:0.7"]]],
            "status": podStatus(scheduled: scheduled, since: since),
        ]
    }

    static func podStatus(scheduled: Bool, since: String) -> JSONValue {
        let condition: JSONValue =
            scheduled
            ? ["type": "PodScheduled", "status": "True", "lastTransitionTime": .string(since)]
            : [
                "type": "PodScheduled", "status": "False", "reason": "Unschedulable",
                "lastTransitionTime": .string(since),
            ]
        return ["phase": "Pending", "conditions": [condition]]
    }

    /// Reports VKE-POC1's copy as 2 ready out of 4, so that auto-migration looks at its pods.
    func reportPartlyReady(_ member: KubeAPI) async throws {
        var copy = try await member.get(.deployments, namespace: "default", name: "fed-dp-gpu")
        copy["status"] = [
            "observedGeneration": copy[path: ["metadata", "generation"]] ?? 1, "replicas": 4, "updatedReplicas": 4,
            "readyReplicas": 2, "availableReplicas": 2, "unavailableReplicas": 2,
        ]
        _ = try await member.updateSubresource(.deployments, copy, subresource: "status")
    }

    /// Gives VKE-POC1's copy a ReplicaSet and four pods, two of them unschedulable since `since`;
    /// returns the names of those two.
    func seedPendingPods(_ member: KubeAPI, since: String) async throws -> [String] {
        let copy = try await member.get(.deployments, namespace: "default", name: "fed-dp-gpu")
        let replicaSet = try await member.create(
            .replicaSets,
            [
                "apiVersion": "apps/v1", "kind": "ReplicaSet",
                "metadata": [
                    "name": .string("fed-dp-gpu-\(Self.templateHash)"), "namespace": "default",
                    "labels": ["app": "gpu-demo", "pod-template-hash": .string(Self.templateHash)],
                    "annotations": ["deployment.kubernetes.io/revision": "1"],
                    "ownerReferences": [
                        [
                            "apiVersion": "apps/v1", "kind": "Deployment", "name": "fed-dp-gpu", "controller": true,
                            "uid": copy[path: ["metadata", "uid"]] ?? "",
                        ]
                    ],
                ],
                "spec": [
                    "replicas": 4,
                    "selector": ["matchLabels": ["app": "gpu-demo", "pod-template-hash": .string(Self.templateHash)]],
                    "template": copy[path: ["spec", "template"]] ?? [:],
                ],
            ])
        var pending: [String] = []
        for index in 0..<4 {
            let name = "fed-dp-gpu-\(Self.templateHash)-\(index)"
            let pod = Self.pod(name, replicaSet: replicaSet, scheduled: index < 2, since: since)
            var created = try await member.create(.pods, pod)
            created["status"] = pod["status"]
            _ = try await member.updateSubresource(.pods, created, subresource: "status")
            if index >= 2 { pending.append(name) }
        }
        return pending
    }

    static func estimatedCapacity(_ host: KubeAPI) async throws -> JSONValue? {
        let workload = try await host.get(.deployments, namespace: "default", name: "fed-dp-gpu")
        guard let info = workload[path: ["metadata", "annotations", SchedulingAnnotation.autoMigrationInfo]]?.stringValue
        else { return nil }
        return try JSONValue(parsing: info)["estimatedCapacity"] ?? [:]
    }

    /// The queue has held nothing due or in progress for a few polls in a row: every event so far
    /// has been reconciled, so the next reconcile can only come from what the test does next.
    func waitUntilIdle(_ controller: WorkloadController) async throws {
        var quiet = 0
        while quiet < 5 {
            let stats = await controller.queue.stats()
            quiet = stats.depth == 0 && stats.processing == 0 ? quiet + 1 : 0
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    @Test("pods turning unschedulable, then scheduled, move the estimate without a Deployment change or a timer")
    func pendingPodsDriveTheEstimate() async throws {
        try await withFederation { harness, controller in
            try await applyWeightedWorkloadUntilPlaced(harness)
            let member = harness.members[Self.vke1]!.api
            try await reportPartlyReady(member)
            try await harness.eventually { try await Self.estimatedCapacity(harness.hostAPI) != nil }
            try await waitUntilIdle(controller)
            #expect(try await Self.estimatedCapacity(harness.hostAPI) == [:], "no pods yet: nothing to estimate")

            // From here on only pods change. Unschedulable for 3 minutes already: past the
            // policy's 2m, so no clock needs to move either.
            let since = Timestamp(secondsSinceEpoch: harness.clock.timestamp.secondsSinceEpoch - 180).rfc3339
            let pending = try await seedPendingPods(member, since: since)
            try await harness.eventually { try await Self.estimatedCapacity(harness.hostAPI)?[Self.vke1] == 2 }
            try await waitUntilIdle(controller)

            // Capacity returns: the scheduler places the two pods. Only the pods change.
            let now = harness.clock.timestamp.rfc3339
            for name in pending {
                var pod = try await member.get(.pods, namespace: "default", name: name)
                pod["status"] = Self.podStatus(scheduled: true, since: now)
                _ = try await member.updateSubresource(.pods, pod, subresource: "status")
            }
            try await harness.eventually { try await Self.estimatedCapacity(harness.hostAPI)?[Self.vke1] == nil }
            try await harness.eventually {
                try await harness.memberReplicas("default", "fed-dp-gpu") == Self.weightedLayout
            }
        }
    }

    @Test("a member whose pods cannot be read keeps its estimate, and the workload is still scaled on the others")
    func unreadableMemberKeepsItsEstimate() async throws {
        try await withFederation { harness, controller in
            try await applyWeightedWorkloadUntilPlaced(harness)
            let vke1 = harness.members[Self.vke1]!
            try await reportPartlyReady(vke1.api)
            let since = Timestamp(secondsSinceEpoch: harness.clock.timestamp.secondsSinceEpoch - 180).rfc3339
            _ = try await seedPendingPods(vke1.api, since: since)
            try await harness.eventually { try await Self.estimatedCapacity(harness.hostAPI)?[Self.vke1] == 2 }
            try await waitUntilIdle(controller)

            // VKE-POC1 goes away; the workload is scaled meanwhile.
            await vke1.server.stop()
            _ = try await harness.hostAPI.patch(
                .deployments, namespace: "default", name: "fed-dp-gpu", ["spec": ["replicas": 16]])
            try await harness.eventually(within: .seconds(30), "the scale placed on the other members") {
                let placement = try await Self.placement(harness.hostAPI)
                guard placement.values.reduce(0, +) >= 16 else { return false }
                let written = try await harness.memberReplicas("default", "fed-dp-gpu", clusters: [Self.vke2, Self.ack])
                return written == placement.filter { $0.key != Self.vke1 }
            }
            // The cap stands: VKE-POC1 is not handed replicas it showed it cannot run.
            #expect(try await Self.estimatedCapacity(harness.hostAPI)?[Self.vke1] == 2)
        }
    }

    /// The replicas per cluster in `flotilla.io/placement`.
    static func placement(_ host: KubeAPI) async throws -> [String: Int64] {
        let workload = try await host.get(.deployments, namespace: "default", name: "fed-dp-gpu")
        guard let text = workload[path: ["metadata", "annotations", SchedulingAnnotation.placement]]?.stringValue,
            let object = try JSONValue(parsing: text).objectValue
        else { return [:] }
        var replicas: [String: Int64] = [:]
        for (cluster, value) in object { replicas[cluster] = value.intValue }
        return replicas
    }
}
