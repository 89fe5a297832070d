import KubeClient

/// What one scheduling pass decided: pods to bind, and pods that fit nowhere (with why).
struct SchedulingOutcome: Sendable {
    var bindings: [(pod: PodInfo, node: String)] = []
    var unschedulable: [(pod: PodInfo, message: String)] = []
    /// The placer after the bindings, for the autoscaler's what-if.
    var placer: PodPlacer
}

enum SchedulingPass {
    /// Places every pending pod, in namespace and name order, each seeing the ones before it.
    /// A pure function of the view and the bindings not yet visible in it.
    static func run(_ view: ClusterView, assumed: [ObjectKey: String]) -> SchedulingOutcome {
        var placer = PodPlacer(view: view, nodes: view.nodes, assumed: assumed)
        var outcome = SchedulingOutcome(placer: placer)
        for pod in view.pods where pod.isActive && pod.nodeName == nil && assumed[pod.key] == nil {
            if let node = placer.choose(pod) {
                placer.record(pod, on: node.name)
                outcome.bindings.append((pod, node.name))
            } else {
                outcome.unschedulable.append((pod, placer.explainFailure(pod)))
            }
        }
        outcome.placer = placer
        return outcome
    }
}

extension PodPlacer {
    /// A kube-scheduler style message: `0/5 nodes are available: 2 Insufficient nvidia.com/gpu,
    /// 3 node(s) outside the units of ResourcePolicy default/x that have room.` Stable while the
    /// situation is, so that rewriting it is rare.
    func explainFailure(_ pod: PodInfo) -> String {
        let policy = view.policy(for: pod)
        var reasons: [String: Int] = [:]
        for node in nodes {
            let reason: String
            if !node.isSchedulable {
                reason = "node(s) were not ready"
            } else if let missing = free(on: node).shortfall(for: pod.requests).first {
                reason = "Insufficient \(missing)"
            } else if let policy {
                reason = "node(s) outside the units of ResourcePolicy \(policy.key) that have room"
            } else {
                reason = view.requiresElastic(pod) ? "node(s) are not virtual-kubelet nodes" : "node(s) are virtual-kubelet nodes"
            }
            reasons[reason, default: 0] += 1
        }
        let summary = reasons.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        var message = "0/\(nodes.count) nodes are available: \(summary)."
        if let policy {
            let full = policy.units.filter { unit in unit.max.map { podCount(of: policy, in: unit) >= $0 } ?? false }
            if !full.isEmpty {
                let names = full.map { "\($0.name) (max \($0.max ?? 0))" }.joined(separator: ", ")
                message += " Full units of ResourcePolicy \(policy.key): \(names)."
            }
        }
        return message
    }
}
