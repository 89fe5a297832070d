/// A replica count for one named cluster: one key of an upstream `map[string]int64`.
public struct ClusterReplicas: Sendable, Hashable, CustomStringConvertible {
    public var cluster: String
    public var replicas: Int64

    public init(cluster: String, replicas: Int64) {
        self.cluster = cluster
        self.replicas = replicas
    }

    public var description: String { "\(cluster):\(replicas)" }
}

/// The outcome of one division: the planner's `plan` and `overflow` maps (§1.4, §2).
///
/// Both are lists of entries rather than dictionaries so that they keep a stable order (the input's
/// cluster order) and so that "key present with 0" stays distinct from "key absent", which the upstream
/// tests assert (§6). Overflow entries are always positive. The plugins write `plan + overflow` (§1.4).
public struct ReplicaDivision: Sendable, Hashable {
    public var plan: [ClusterReplicas]
    public var overflow: [ClusterReplicas]

    public init(plan: [ClusterReplicas] = [], overflow: [ClusterReplicas] = []) {
        self.plan = plan
        self.overflow = overflow
    }

    /// The plan as a dictionary (zero entries kept).
    public var planByCluster: [String: Int64] { Self.dictionary(plan) }

    /// The overflow as a dictionary.
    public var overflowByCluster: [String: Int64] { Self.dictionary(overflow) }

    /// What the replicas plugins write per cluster: `plan[c] + overflow[c]` over the keys of both (§0 step 4).
    public var writtenByCluster: [String: Int64] {
        var written = planByCluster
        for entry in overflow { written[entry.cluster, default: 0] &+= entry.replicas }
        return written
    }

    /// From a planner's `plan` and `overflow` columns, cluster `i` being called `name(i)`: every cluster is
    /// a key of the plan, in position order; the overflow keeps only positive entries.
    @inline(__always)
    init(plan: UnsafePointer<Int64>, overflow: UnsafePointer<Int64>, count: Int, name: (Int) -> String) {
        self.plan = []
        self.overflow = []
        self.plan.reserveCapacity(count)
        for i in 0..<count {
            self.plan.append(ClusterReplicas(cluster: name(i), replicas: plan[i]))
            if overflow[i] > 0 { self.overflow.append(ClusterReplicas(cluster: name(i), replicas: overflow[i])) }
        }
    }

    private static func dictionary(_ entries: [ClusterReplicas]) -> [String: Int64] {
        var result: [String: Int64] = [:]
        result.reserveCapacity(entries.count)
        for entry in entries { result[entry.cluster] = entry.replicas }
        return result
    }
}
