import KubeObjects

/// Which column of the demo's table a pool's pods count in; also the order a member's own
/// scheduler prefers them in the reference scenario.
public enum PoolRole: String, Sendable, Hashable, CaseIterable {
    /// A fixed pool of paid-for nodes: used first.
    case prepaid
    /// Serverless container instances (VCI, ECI) behind virtual-kubelet nodes.
    case elastic
    /// A pay-as-you-go pool grown and shrunk by the cluster autoscaler: used last.
    case postpaid
}

/// What one node of a pool can hold: its `status.allocatable` (and `capacity`).
public struct NodeShape: Sendable, Hashable {
    public var gpus: Int64
    public var cpu: Quantity
    public var memory: Quantity
    public var pods: Int64

    public init(gpus: Int64, cpu: Quantity, memory: Quantity, pods: Int64 = 110) {
        self.gpus = gpus
        self.cpu = cpu
        self.memory = memory
        self.pods = pods
    }

    /// A virtual-kubelet node's: so large that only a ResourcePolicy unit's `max` limits it.
    public static let unlimited = NodeShape(
        gpus: 100_000, cpu: Quantity(100_000), memory: Quantity(1 << 50), pods: 100_000)

    /// `status.allocatable` as the API writes it.
    var resourceList: JSONValue {
        .object(JSONObject([
            ("cpu", .string(cpu.description)), ("memory", .string(memory.description)),
            ("nvidia.com/gpu", .string(String(gpus))), ("pods", .string(String(pods))),
        ]))
    }
}

/// The cluster autoscaler's settings for a pool: its bounds and how long it takes to act.
public struct Autoscaling: Sendable, Hashable {
    public var minNodes: Int
    public var maxNodes: Int
    /// From the decision to add a node until the node is Ready.
    public var provisioningDelay: Duration
    /// How long a node must stay empty before it is removed.
    public var scaleDownDelay: Duration

    public init(minNodes: Int, maxNodes: Int, provisioningDelay: Duration, scaleDownDelay: Duration) {
        self.minNodes = minNodes
        self.maxNodes = maxNodes
        self.provisioningDelay = provisioningDelay
        self.scaleDownDelay = scaleDownDelay
    }
}

/// How many nodes a pool has.
public enum PoolSize: Sendable, Hashable {
    case fixed(Int)
    case autoscaled(Autoscaling)
}

/// One node pool of a member cluster, as the configuration declares it.
public struct NodePoolConfig: Sendable, Hashable {
    /// Unique in the member; node names derive from it.
    public var name: String
    public var role: PoolRole
    /// Put on every node of the pool; ResourcePolicy units select on them.
    public var nodeLabels: [String: String]
    public var node: NodeShape
    public var size: PoolSize
    /// Elastic pools only: one virtual-kubelet node per zone (`a` in `virtual-kubelet-cn-beijing-a`).
    public var zones: [String]

    public init(
        name: String, role: PoolRole, nodeLabels: [String: String] = [:], node: NodeShape, size: PoolSize,
        zones: [String] = []
    ) {
        self.name = name
        self.role = role
        self.nodeLabels = nodeLabels
        self.node = node
        self.size = size
        self.zones = zones
    }

    public var isElastic: Bool { role == .elastic }

    public var autoscaling: Autoscaling? {
        if case .autoscaled(let settings) = size { return settings }
        return nil
    }
}
