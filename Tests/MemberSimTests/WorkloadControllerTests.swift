import KubeClient
import KubeObjects
import MemberSim
import Testing

/// The Deployment and ReplicaSet controllers' part: ReplicaSets per template, pods with
/// deterministic names, statuses, and cleanup.
@Suite(.timeLimit(.minutes(2)))
struct WorkloadControllerTests {
    @Test func theDeploymentStatusAddsUpItsPodsWithUnschedulableOnesUnavailable() async throws {
        try await withMember("VKE-POC1") { member in
            try await member.createDeployment(replicas: 4)
            var deployment = try await member.deploymentObject()
            #expect(deployment[path: ["status", "replicas"]] == 4)
            #expect(deployment[path: ["status", "updatedReplicas"]] == 4)
            #expect(deployment[path: ["status", "readyReplicas"]] == 4)
            #expect(deployment[path: ["status", "availableReplicas"]] == 4)
            #expect(deployment[path: ["status", "unavailableReplicas"]] == 0)
            #expect(deployment[path: ["status", "observedGeneration"]] == deployment[path: ["metadata", "generation"]])
            #expect(deployment.condition("Available")?["status"] == "True")
            #expect(deployment.condition("Progressing")?["reason"] == "NewReplicaSetAvailable")

            try await member.scale(to: 10)
            deployment = try await member.deploymentObject()
            #expect(deployment[path: ["status", "replicas"]] == 10)
            #expect(deployment[path: ["status", "readyReplicas"]] == 4)
            #expect(deployment[path: ["status", "availableReplicas"]] == 4)
            #expect(deployment[path: ["status", "unavailableReplicas"]] == 6)
            #expect(deployment[path: ["status", "observedGeneration"]] == 2)
            #expect(deployment.condition("Available")?["status"] == "False")
            #expect(deployment.condition("Available")?["reason"] == "MinimumReplicasUnavailable")
            #expect(deployment.condition("Progressing")?["reason"] == "ReplicaSetUpdated")
        }
    }

    @Test func aTemplateChangeMakesANewReplicaSetAndScalesTheOldOneToZero() async throws {
        try await withMember("VKE-POC1") { member in
            try await member.createDeployment(replicas: 4)
            let first = try await member.api.list(.replicaSets, namespace: "default").items
            #expect(first.count == 1)
            let oldName = first[0][path: ["metadata", "name"]]?.stringValue ?? ""
            #expect(first[0][path: ["metadata", "annotations", "deployment.kubernetes.io/revision"]] == "1")
            #expect(first[0][path: ["metadata", "ownerReferences"]]?[0]?["name"] == "fed-dp-gpu")

            // What Flotilla's per-cloud override does to the member's copy.
            _ = try await member.api.patch(
                .deployments, namespace: "default", name: "fed-dp-gpu",
                ["spec": ["template": ["metadata": ["annotations": ["vci.vke.volcengine.com/preferred-instance-types": "vci.g1v.2xlarge"]]]]])
            try await member.simulator.waitUntilIdle()

            let replicaSets = try await member.api.list(.replicaSets, namespace: "default").items
            #expect(replicaSets.count == 2)
            let old = replicaSets.first { $0[path: ["metadata", "name"]]?.stringValue == oldName }
            let new = replicaSets.first { $0[path: ["metadata", "name"]]?.stringValue != oldName }
            #expect(old?[path: ["spec", "replicas"]] == 0)
            #expect(new?[path: ["spec", "replicas"]] == 4)
            #expect(new?[path: ["metadata", "annotations", "deployment.kubernetes.io/revision"]] == "2")
            let hash = new?[path: ["metadata", "labels", "pod-template-hash"]]?.stringValue ?? ""
            #expect(!hash.isEmpty && new?[path: ["metadata", "name"]]?.stringValue == "fed-dp-gpu-\(hash)")
            #expect(new?[path: ["spec", "selector", "matchLabels", "pod-template-hash"]]?.stringValue == hash)

            let pods = try await member.pods()
            #expect(pods.count == 4)
            #expect(pods.allSatisfy { $0[path: ["metadata", "labels", "pod-template-hash"]]?.stringValue == hash })
            #expect(pods.allSatisfy {
                $0[path: ["metadata", "annotations", "vci.vke.volcengine.com/preferred-instance-types"]] == "vci.g1v.2xlarge"
            })
            #expect(try await member.census().description == "4 = 2+2+0")
            let deployment = try await member.deploymentObject()
            #expect(deployment[path: ["status", "updatedReplicas"]] == 4)
            #expect(deployment[path: ["status", "replicas"]] == 4)
        }
    }

    @Test func podNamesAreTheSameOnEveryRun() async throws {
        func names() async throws -> [String] {
            try await withMember("VKE-POC2") { member in
                try await member.createDeployment(replicas: 6)
                return try await member.pods().compactMap { $0[path: ["metadata", "name"]]?.stringValue }.sorted()
            }
        }
        let first = try await names()
        let second = try await names()
        #expect(first.count == 6)
        #expect(first == second)
        let replicaSet = first[0].split(separator: "-").dropLast().joined(separator: "-")
        #expect(replicaSet.hasPrefix("fed-dp-gpu-"))
        #expect(first.allSatisfy { $0.hasPrefix(replicaSet + "-") && $0.count == replicaSet.count + 6 })
    }

    @Test func runningPodsAreBoundThroughTheBindingAndReportRunningAndReady() async throws {
        try await withMember("VKE-POC1") { member in
            try await member.createDeployment(replicas: 2)
            for pod in try await member.pods() {
                #expect(pod[path: ["spec", "nodeName"]]?.stringValue?.hasPrefix("ecs-pool-1-") == true)
                #expect(pod[path: ["status", "phase"]] == "Running")
                #expect(pod.condition("PodScheduled")?["status"] == "True")
                #expect(pod.condition("Ready")?["status"] == "True")
                #expect(pod.condition("ContainersReady")?["status"] == "True")
                #expect(pod[path: ["status", "startTime"]]?.stringValue == member.wallTimestamp)
                #expect(pod[path: ["metadata", "ownerReferences"]]?[0]?["kind"] == "ReplicaSet")
                #expect(pod[path: ["metadata", "labels", "app"]] == "gpu-demo")
            }
        }
    }

    @Test func deletingTheDeploymentDeletesItsReplicaSetsAndPods() async throws {
        try await withMember("VKE-POC1") { member in
            try await member.createDeployment(replicas: 3)
            try await member.api.delete(.deployments, namespace: "default", name: "fed-dp-gpu")
            try await member.simulator.waitUntilIdle()
            #expect(try await member.api.list(.replicaSets, namespace: "default").items.isEmpty)
            #expect(try await member.pods().isEmpty)
        }
    }
}
