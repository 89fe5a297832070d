import KubeClient

/// Which pods a ReplicaSet removes first when it shrinks.
///
/// The scenario's rule: pods that are not scheduled go first, then pods in the reverse order of
/// their ResourcePolicy's units (the last unit's first), so a burst is released from the
/// post-paid pool, then the elastic one, and the prepaid pool keeps its pods. Pods on nodes
/// outside every unit (a `prefer` fallback) go before any unit's; without a policy, all
/// scheduled pods rank alike. Ties: not ready before ready, then names in reverse order, so
/// the choice is the same on every run.
enum ScaleDownOrder {
    static func ranked(_ pods: [PodInfo], in view: ClusterView) -> [PodInfo] {
        pods.map { (pod: $0, rank: rank(of: $0, in: view)) }
            .sorted { lhs, rhs in
                if lhs.rank != rhs.rank { return lhs.rank > rhs.rank }
                if lhs.pod.isReady != rhs.pod.isReady { return !lhs.pod.isReady }
                return lhs.pod.name > rhs.pod.name
            }
            .map(\.pod)
    }

    /// Higher goes first: unscheduled above every unit, outside any unit above the last unit.
    private static func rank(of pod: PodInfo, in view: ClusterView) -> Int {
        guard let nodeName = pod.nodeName else { return Int.max }
        guard let policy = view.policy(for: pod) else { return 0 }
        let labels = view.node(named: nodeName)?.labels ?? [:]
        guard let unit = policy.units.firstIndex(where: { $0.selects(nodeLabels: labels) }) else {
            return policy.units.count
        }
        return unit
    }
}
