import KubeClient
import KubeObjects
import MemberSim
import Testing

/// The reference scenario's member half in VKE-POC1 (cloud A's dialect): prepaid, then VCI (max
/// 2, later 4), then the autoscaled post-paid pool (0..2 nodes), with the scenario's Deployment
/// created directly in the member.
@Suite(.timeLimit(.minutes(2)))
struct VolcengineMemberTests {
    @Test func fourReplicasFillThePrepaidPoolThenTheElasticOne() async throws {
        try await withMember("VKE-POC1") { member in
            try await member.createDeployment(replicas: 4)
            let census = try await member.census()
            #expect(census.description == "4 = 2+2+0")
            #expect(census.pods(in: .prepaid) == 2 && census.pods(in: .elastic) == 2)
            #expect(try await member.pendingPods().isEmpty)
        }
    }

    @Test func theScenarioFromFourToEightAndBackInVirtualTime() async throws {
        try await withMember("VKE-POC1") { member in
            try await member.createDeployment(replicas: 4)

            // A2: two more pods wait for the post-paid pool, which grows after its 60 s delay.
            try await member.scale(to: 6)
            #expect(try await member.census().description == "6 = 2+2+0 (+2)")
            #expect(await member.simulator.pendingDeadlines == [.zero + .seconds(60)])
            try await member.advance(by: .seconds(59))
            #expect(try await member.census().description == "6 = 2+2+0 (+2)")
            try await member.advance(by: .seconds(1))
            #expect(try await member.census().description == "6 = 2+2+2")
            #expect(try await member.nodeNames().filter { $0.hasPrefix("ecs-pool-2-") } == ["ecs-pool-2-0", "ecs-pool-2-1"])

            // A3: every pool is full (post-paid at its maxNodes 2, VCI at maxReplicas 2).
            try await member.scale(to: 8)
            #expect(try await member.census().description == "8 = 2+2+2 (+2)")
            let pending = try await member.pendingPods()
            #expect(pending.count == 2)
            let since = member.wallTimestamp
            for pod in pending {
                let scheduled = pod.condition("PodScheduled")
                #expect(pod[path: ["status", "phase"]] == "Pending")
                #expect(scheduled?["status"] == "False")
                #expect(scheduled?["reason"] == "Unschedulable")
                #expect(scheduled?["message"]?.stringValue?.contains("vci-pool (max 2)") == true)
                #expect(scheduled?["lastTransitionTime"]?.stringValue == since)
            }
            #expect(await member.simulator.pendingDeadlines.isEmpty)

            // Later reconciles (a node change, time passing) keep the original transition time.
            try await member.advance(by: .seconds(90))
            _ = try await member.api.patch(.nodes, name: "ecs-pool-1-0", ["metadata": ["labels": ["touched": "yes"]]])
            try await member.simulator.waitUntilIdle()
            for pod in try await member.pendingPods() {
                let scheduled = pod.condition("PodScheduled")
                #expect(scheduled?["lastTransitionTime"]?.stringValue == since)
                #expect(member.wallTimestamp != since)
            }

            // A5: the cloud has stock again: VCI's maxReplicas 2 -> 4 takes the two pending pods.
            try await ResourcePolicy.setElasticMax(
                4, api: member.api, dialect: .volcengine, namespace: "default", name: "vke-poc1-rp")
            try await member.simulator.waitUntilIdle()
            #expect(try await member.census().description == "8 = 2+4+2")

            // A6: scale-down releases the post-paid pool first, then the elastic one.
            try await member.scale(to: 4)
            #expect(try await member.census().description == "4 = 2+2+0")

            // The emptied post-paid nodes go after scaleDownDelay (10 m), down to minNodes (0).
            #expect(try await member.nodeNames().contains("ecs-pool-2-0"))
            try await member.advance(by: .seconds(600))
            #expect(try await member.nodeNames().filter { $0.hasPrefix("ecs-pool-2-") }.isEmpty)
            #expect(try await member.census().description == "4 = 2+2+0")
        }
    }
}
