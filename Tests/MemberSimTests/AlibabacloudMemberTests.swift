import KubeClient
import KubeObjects
import MemberSim
import Testing

/// ACK-POC (cloud B's dialect: `units`, `resource`, `max`, `nodeSelector`): prepaid, ECI (max 2),
/// then a post-paid pool that the autoscaler grows from 0 up to 10 nodes.
@Suite(.timeLimit(.minutes(2)))
struct AlibabacloudMemberTests {
    @Test func eightReplicasGrowThePostPaidPoolByFourAfterItsDelay() async throws {
        try await withMember("ACK-POC") { member in
            try await member.createDeployment(replicas: 8)
            #expect(try await member.census().description == "8 = 2+2+0 (+4)")
            #expect(await member.simulator.pendingDeadlines == [.zero + .seconds(60)])
            try await member.advance(by: .seconds(60))
            #expect(try await member.census().description == "8 = 2+2+4")
            let postPaid = try await member.nodeNames().filter { $0.hasPrefix("np-postpaid-") }
            #expect(postPaid == ["np-postpaid-0", "np-postpaid-1", "np-postpaid-2", "np-postpaid-3"])
            let virtual = try await member.pods().filter { $0[path: ["spec", "nodeName"]] == "virtual-kubelet-cn-shanghai-b" }
            #expect(virtual.count == 2)
        }
    }

    @Test func podsLabelledForECIRunOnlyInTheElasticUnit() async throws {
        try await withMember("ACK-POC") { member in
            var deployment = try MemberHarness.scenarioDeployment(replicas: 3)
            deployment["spec"]?["template"]?["metadata"]?["labels"]?["alibabacloud.com/eci"] = "true"
            try await member.create(.deployments, deployment)
            // The prepaid pool has room, but these pods may use serverless instances only (max 2).
            #expect(try await member.census().description == "3 = 0+2+0 (+1)")
            #expect(await member.simulator.pendingDeadlines.isEmpty)
        }
    }

    @Test func aNamespaceLabelledForECISendsItsPodsToVirtualNodesWithoutAPolicy() async throws {
        try await withMember("ACK-POC") { member in
            try await member.create(
                .namespaces, ["apiVersion": "v1", "kind": "Namespace",
                              "metadata": ["name": "serverless", "labels": ["alibabacloud.com/eci": "true"]]])
            var deployment = try MemberHarness.scenarioDeployment(replicas: 5)
            deployment["metadata"]?["namespace"] = "serverless"
            try await member.create(.deployments, deployment)
            #expect(try await member.census(namespace: "serverless").description == "5 = 0+5+0")
        }
    }

    @Test func podsWithoutAPolicyUseRealNodesAndTheAutoscaler() async throws {
        try await withMember("ACK-POC") { member in
            var deployment = try MemberHarness.scenarioDeployment(replicas: 3)
            deployment["metadata"]?["name"] = "other"
            deployment["spec"]?["selector"] = ["matchLabels": ["app": "other"]]
            deployment["spec"]?["template"]?["metadata"]?["labels"] = ["app": "other"]
            try await member.create(.deployments, deployment)
            #expect(try await member.census(deployment: "other").description == "3 = 2+0+0 (+1)")
            try await member.advance(by: .seconds(60))
            #expect(try await member.census(deployment: "other").description == "3 = 2+0+1")
        }
    }

    @Test func requireKeepsPodsInsideTheUnitsWherePreferFallsBack() async throws {
        try await withMember("ACK-POC") { member in
            // A node outside every unit, with room.
            try await member.create(
                .nodes, ["apiVersion": "v1", "kind": "Node", "metadata": ["name": "spare", "labels": ["pool": "spare"]]])
            _ = try await member.api.patch(
                .nodes, name: "spare",
                ["status": ["allocatable": ["nvidia.com/gpu": "4", "cpu": "8", "memory": "32Gi", "pods": "110"],
                            "conditions": [["type": "Ready", "status": "True"]]]],
                subresource: "status")
            try await member.simulator.waitUntilIdle()
            let policy = ResourcePolicy.Dialect.alibabacloud.resource
            _ = try await member.api.patch(
                policy, namespace: "default", name: "ack-poc-rp",
                ["spec": ["strategy": "require", "units": [["resource": "ecs", "nodeSelector": ["alibabacloud.com/nodepool-id": "np6adca1a73fff4843b19f151d2efe8fcf"]], ["resource": "eci", "max": 1]]]])
            try await member.createDeployment(replicas: 4)
            #expect(try await member.census().description == "4 = 2+1+0 (+1)")

            _ = try await member.api.patch(policy, namespace: "default", name: "ack-poc-rp", ["spec": ["strategy": "prefer"]])
            try await member.simulator.waitUntilIdle()
            #expect(try await member.census().description == "4 = 2+1+0 +1 elsewhere")
            #expect(try await member.pendingPods().isEmpty)
        }
    }
}
