import KubeClient

/// Finds a node for one pod the way the member's ResourcePolicy-aware scheduler does, and keeps
/// the running totals (resources used per node, pods per policy unit) that the next pod sees.
///
/// Rules (scenario "Member-cluster policy"):
/// - A pod governed by a policy tries its units in order. A unit is skipped while the policy's
///   pods in it have reached its `max`; otherwise its first node (in the given order) with room
///   for the pod's requests takes it.
/// - When no unit can, `prefer` lets the pod go to any non-virtual node with room; `require`
///   leaves it pending.
/// - A pod labelled for serverless instances (`alibabacloud.com/eci: "true"`, on it or its
///   namespace) considers elastic units only, or any virtual node when no policy governs it.
/// - A pod without a policy goes to any non-virtual node with room.
///
/// A value type: the scheduling pass and the autoscaler's what-if each run their own copy.
struct PodPlacer: Sendable {
    let view: ClusterView
    /// The nodes tried, in order (the view's real nodes, or the autoscaler's hypothetical ones).
    var nodes: [NodeInfo]
    private(set) var used: [String: ResourceAmounts] = [:]
    /// Where each placed pod is (bound, assumed, or placed during this pass).
    private(set) var location: [ObjectKey: String] = [:]

    /// Starts from the pods already on nodes (and `assumed` bindings the stores do not show yet).
    init(view: ClusterView, nodes: [NodeInfo], assumed: [ObjectKey: String]) {
        self.view = view
        self.nodes = nodes
        for pod in view.pods where pod.isActive {
            guard let node = pod.nodeName ?? assumed[pod.key] else { continue }
            record(pod, on: node)
        }
    }

    mutating func record(_ pod: PodInfo, on node: String) {
        location[pod.key] = node
        used[node, default: ResourceAmounts()] += pod.requests
    }

    /// How many active pods are (or have just been placed) on `node`.
    func podsPlaced(on node: String) -> Int { location.values.count { $0 == node } }

    /// The node `pod` should go to, or `nil` when none may take it now.
    func choose(_ pod: PodInfo) -> NodeInfo? {
        let elasticOnly = view.requiresElastic(pod)
        guard let policy = view.policy(for: pod) else {
            return firstFit(pod) { $0.isVirtual == elasticOnly }
        }
        for unit in policy.units where !elasticOnly || unit.resource.isElastic {
            if let max = unit.max, podCount(of: policy, in: unit) >= max { continue }
            if let node = firstFit(pod, where: { unit.selects(nodeLabels: $0.labels) }) { return node }
        }
        if elasticOnly, !policy.units.contains(where: \.resource.isElastic) {
            return firstFit(pod) { $0.isVirtual }
        }
        guard policy.strategy == .prefer, !elasticOnly else { return nil }
        return firstFit(pod) { !$0.isVirtual }
    }

    /// Free resources of `node` after what has been placed on it.
    func free(on node: NodeInfo) -> ResourceAmounts {
        ResourceAmounts.free(capacity: node.allocatable, used: used[node.name] ?? ResourceAmounts())
    }

    /// How many of the pods `policy` governs sit on nodes of `unit`.
    func podCount(of policy: ResourcePolicy, in unit: PolicyUnit) -> Int {
        view.pods.count { pod in
            guard pod.isActive, policy.selects(namespace: pod.namespace, labels: pod.labels),
                let nodeName = location[pod.key]
            else { return false }
            let labels = view.node(named: nodeName)?.labels ?? nodes.first { $0.name == nodeName }?.labels
            return labels.map(unit.selects(nodeLabels:)) ?? false
        }
    }

    private func firstFit(_ pod: PodInfo, where include: (NodeInfo) -> Bool) -> NodeInfo? {
        nodes.first { node in
            node.isSchedulable && include(node) && free(on: node).shortfall(for: pod.requests).isEmpty
        }
    }
}
