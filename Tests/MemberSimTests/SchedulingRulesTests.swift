import KubeObjects
import Testing

@testable import MemberSim

/// The scheduler's and the ReplicaSet controller's rules as pure functions over a cluster view.
@Suite struct SchedulingRulesTests {
    private static let policy = ResourcePolicy(
        dialect: .alibabacloud, namespace: "default", name: "rp", selector: ["app": "gpu"], strategy: .prefer,
        units: [
            PolicyUnit(name: "units[0]", resource: .ecs, nodeRequirements: [.init(key: "pool", operator: .in, values: ["a"])]),
            PolicyUnit(name: "units[1]", resource: .eci, max: 1),
            PolicyUnit(name: "units[2]", resource: .ecs, nodeRequirements: [.init(key: "pool", operator: .in, values: ["c"])]),
        ])

    private static func node(_ name: String, _ labels: [String: String], gpus: Int = 1) -> NodeInfo {
        NodeInfo([
            "metadata": ["name": .string(name), "labels": labels.jsonObject],
            "status": ["allocatable": ["nvidia.com/gpu": .string(String(gpus)), "pods": "110"],
                       "conditions": [["type": "Ready", "status": "True"]]],
        ])
    }

    private static func pod(_ name: String, on node: String? = nil, app: String = "gpu") -> PodInfo {
        var spec: JSONValue = ["containers": [["name": "c", "resources": ["limits": ["nvidia.com/gpu": "1"]]]]]
        if let node { spec["nodeName"] = .string(node) }
        return PodInfo([
            "metadata": ["name": .string(name), "namespace": "default", "labels": ["app": .string(app)]],
            "spec": spec, "status": ["phase": node == nil ? "Pending" : "Running"],
        ])
    }

    private static let nodes = [
        node("a-0", ["pool": "a"]), node("c-0", ["pool": "c"]), node("other", ["pool": "x"]),
        node("vk", ["type": "virtual-kubelet"], gpus: 100),
    ]

    private func view(_ pods: [PodInfo], strategy: ResourcePolicy.Strategy = .prefer) -> ClusterView {
        var policy = Self.policy
        policy.strategy = strategy
        return ClusterView(nodes: Self.nodes, pods: pods, policies: [policy], namespaceLabels: [:])
    }

    private func placements(_ pods: [PodInfo], strategy: ResourcePolicy.Strategy = .prefer) -> [String: String] {
        let outcome = SchedulingPass.run(view(pods, strategy: strategy), assumed: [:])
        var result: [String: String] = [:]
        for (pod, node) in outcome.bindings { result[pod.name] = node }
        for (pod, _) in outcome.unschedulable { result[pod.name] = "-" }
        return result
    }

    @Test func unitsAreTriedInOrderAndAFullUnitIsSkipped() {
        let result = placements((1...4).map { Self.pod("p\($0)") })
        #expect(result == ["p1": "a-0", "p2": "vk", "p3": "c-0", "p4": "other"])
    }

    @Test func requireLeavesPodsPendingWherePreferUsesAnyRealNode() {
        let result = placements((1...4).map { Self.pod("p\($0)") }, strategy: .require)
        #expect(result == ["p1": "a-0", "p2": "vk", "p3": "c-0", "p4": "-"])
    }

    @Test func podsAlreadyBoundCountAgainstTheUnitMaxAndTheNodes() {
        let result = placements([Self.pod("old", on: "vk"), Self.pod("old2", on: "a-0"), Self.pod("new")])
        #expect(result == ["new": "c-0"])
    }

    @Test func aPodWithoutAPolicyNeverGoesToAVirtualNode() {
        let result = placements([Self.pod("x1", app: "x"), Self.pod("x2", app: "x"), Self.pod("x3", app: "x"), Self.pod("x4", app: "x")])
        #expect(result == ["x1": "a-0", "x2": "c-0", "x3": "other", "x4": "-"])
    }

    @Test func theUnschedulableMessageNamesTheShortfallAndTheFullUnit() {
        let pods = [Self.pod("b1", on: "a-0"), Self.pod("b2", on: "vk"), Self.pod("b3", on: "c-0"), Self.pod("b4", on: "other"), Self.pod("p")]
        let outcome = SchedulingPass.run(view(pods), assumed: [:])
        #expect(outcome.unschedulable.map(\.message) == [
            "0/4 nodes are available: 3 Insufficient nvidia.com/gpu, 1 node(s) outside the units of ResourcePolicy "
                + "default/rp that have room. Full units of ResourcePolicy default/rp: units[1] (max 1).",
        ])
    }

    @Test func scaleDownRemovesPendingPodsThenTheLastUnitsFirst() {
        let pods = [
            Self.pod("on-a", on: "a-0"), Self.pod("on-vk", on: "vk"), Self.pod("on-c", on: "c-0"),
            Self.pod("on-other", on: "other"), Self.pod("pending"),
        ]
        let order = ScaleDownOrder.ranked(pods, in: view(pods)).map(\.name)
        #expect(order == ["pending", "on-other", "on-c", "on-vk", "on-a"])
    }

    @Test func theAutoscalerAddsOnlyTheNodesThatPendingPodsCanUse() {
        let pool = NodePoolConfig(
            name: "c", role: .postpaid, nodeLabels: ["pool": "c"],
            node: NodeShape(gpus: 1, cpu: Quantity(8), memory: Quantity(1 << 35)),
            size: .autoscaled(Autoscaling(minNodes: 0, maxNodes: 3, provisioningDelay: .seconds(60), scaleDownDelay: .seconds(600))))
        let pods = [Self.pod("b1", on: "a-0"), Self.pod("b2", on: "vk"), Self.pod("b3", on: "c-0")]
            + (1...5).map { Self.pod("p\($0)") }
        let outcome = SchedulingPass.run(view(pods, strategy: .require), assumed: [:])
        #expect(outcome.unschedulable.count == 5)
        let demand = ScaleUpDemand.nodesToAdd(
            pending: outcome.unschedulable.map(\.pod), placer: outcome.placer, pools: [pool], nodeCounts: ["c": 1],
            provisioning: ["c": 1])
        // One node is already on its way; the pool may reach 3, so one more.
        #expect(demand == ["c": 1])
    }
}
