import KubeClient
import KubeObjects

/// Where one workload's pods are in one member: how many run in each configured pool, and how
/// many are not scheduled. The demo's table prints it as `8 = 2+2+2 (+2)`.
///
/// The workload's pods are the active pods (not terminating, not finished) controlled by the
/// ReplicaSets that the Deployment controls. A pod's pool is its node's `sim.flotilla.io/pool`
/// label, the label the simulator puts on every node it creates.
public struct PoolCensus: Sendable, Hashable, CustomStringConvertible {
    public struct Entry: Sendable, Hashable {
        public var pool: String
        public var role: PoolRole
        public var pods: Int
    }

    /// One entry per configured pool, in the configuration's order.
    public var entries: [Entry]
    /// Pods without a node: pending, and after the simulator has settled, marked
    /// `PodScheduled=False` with reason `Unschedulable`.
    public var unschedulable: Int
    /// Pods on nodes that belong to no configured pool (nodes the simulator did not make).
    public var elsewhere: Int

    /// Running and pending pods together: the replicas the member holds.
    public var total: Int { entries.reduce(0) { $0 + $1.pods } + unschedulable + elsewhere }

    /// The pods in the pools of `role`.
    public func pods(in role: PoolRole) -> Int { entries.filter { $0.role == role }.reduce(0) { $0 + $1.pods } }

    /// `4 = 2+2+0`, `8 = 2+2+2 (+2)`: the scenario's notation (pools in order, pending in brackets).
    public var description: String {
        var text = "\(total) = " + entries.map { String($0.pods) }.joined(separator: "+")
        if elsewhere > 0 { text += " +\(elsewhere) elsewhere" }
        if unschedulable > 0 { text += " (+\(unschedulable))" }
        return text
    }

    /// Counts from objects already read: the namespace's ReplicaSets and pods, and the nodes.
    public init(member: MemberConfig, deployment: String, replicaSets: [JSONValue], pods: [JSONValue], nodes: [JSONValue]) {
        let owned = Set(replicaSets.filter { $0.controllerName(kind: "Deployment") == deployment }.map(\.metaName))
        var poolOfNode: [String: String] = [:]
        for node in nodes { poolOfNode[node.metaName] = node.metaLabels[WellKnown.poolLabel] }
        var counts: [String: Int] = [:]
        var unschedulable = 0
        var elsewhere = 0
        for pod in pods.map(PodInfo.init) where pod.isActive && pod.owner.map(owned.contains) == true {
            guard let node = pod.nodeName else {
                unschedulable += 1
                continue
            }
            if let pool = poolOfNode[node], member.pool(named: pool) != nil {
                counts[pool, default: 0] += 1
            } else {
                elsewhere += 1
            }
        }
        entries = member.pools.map { Entry(pool: $0.name, role: $0.role, pods: counts[$0.name] ?? 0) }
        self.unschedulable = unschedulable
        self.elsewhere = elsewhere
    }

    /// Reads the member's ReplicaSets and pods in `namespace` and its nodes from the API.
    public static func read(api: KubeAPI, member: MemberConfig, namespace: String, deployment: String) async throws
        -> PoolCensus
    {
        PoolCensus(
            member: member, deployment: deployment, replicaSets: try await api.listAll(.replicaSets, namespace: namespace),
            pods: try await api.listAll(.pods, namespace: namespace), nodes: try await api.listAll(.nodes))
    }
}
