/// The allocation-lean form of a division: per-cluster values aligned by position, no dictionaries.
///
/// `SpreadPlanner` and `BinpackPlanner` answer it with one `ClusterShare` per input cluster, in the same
/// positions, so a caller that keeps its clusters in an array never hashes a name into a dictionary.
/// The semantics are those of `ReplicaDivisionInput` (§1, §2): `nil` means the key is absent. Only keys of
/// listed clusters can be expressed; a name-keyed caller whose maps name other clusters uses the keyed form.
public struct IndexedDivisionInput: Sendable {
    public var totalReplicas: Int64
    public var clusters: [IndexedCluster]
    /// Spread only: the tie-break hash key, `"<namespace>/<name>"` (§1.1).
    public var replicaSetKey: String
    public var avoidDisruption: Bool
    public var keepUnschedulableReplicas: Bool

    public init(
        totalReplicas: Int64, clusters: [IndexedCluster], replicaSetKey: String = "",
        avoidDisruption: Bool, keepUnschedulableReplicas: Bool
    ) {
        self.totalReplicas = totalReplicas
        self.clusters = clusters
        self.replicaSetKey = replicaSetKey
        self.avoidDisruption = avoidDisruption
        self.keepUnschedulableReplicas = keepUnschedulableReplicas
    }
}

/// One cluster of an `IndexedDivisionInput`.
public struct IndexedCluster: Sendable, Hashable {
    public var preference: ClusterPreference
    /// Current replicas; `nil` counts as 0 (§1.3), but Binpack tells it apart when planning is deferred (§2).
    public var currentReplicas: Int64?
    /// Auto-migration's capacity estimate (§3); `nil` means no cap.
    public var estimatedCapacity: Int64?
    /// Custom migration's hard cap; `nil` means no cap.
    public var limitedCapacity: Int64?
    /// Binpack only: auto-migration's count of replicas with `PodScheduled=True` (§2, §3); `nil`: no entry.
    public var scheduledReplicas: Int64?

    public init(
        preference: ClusterPreference, currentReplicas: Int64? = nil, estimatedCapacity: Int64? = nil,
        limitedCapacity: Int64? = nil, scheduledReplicas: Int64? = nil
    ) {
        self.preference = preference
        self.currentReplicas = currentReplicas
        self.estimatedCapacity = estimatedCapacity
        self.limitedCapacity = limitedCapacity
        self.scheduledReplicas = scheduledReplicas
    }
}

/// What a planner gives one cluster of an `IndexedDivisionInput`.
///
/// Every cluster of the input is a key of Spread's plan (§1.1: all of them have a preference), so
/// `planned` is always meaningful; Binpack says which clusters are keys with its `BinpackOutcome` (0 here
/// where there is no key). `overflow` is 0 exactly when the cluster has no overflow key.
public struct ClusterShare: Sendable, Hashable {
    public var planned: Int64
    public var overflow: Int64

    public init(planned: Int64, overflow: Int64) {
        self.planned = planned
        self.overflow = overflow
    }

    /// The replica count the plugin writes for this cluster (§1.4).
    public var written: Int64 { planned &+ overflow }
}

extension Array where Element == ClusterShare {
    /// Makes the buffer hold `count` shares, keeping its storage when it already does, for the `into:`
    /// forms of the planners, which overwrite every share.
    mutating func resetCount(_ count: Int) {
        if self.count == count { return }
        removeAll(keepingCapacity: true)
        append(contentsOf: repeatElement(ClusterShare(planned: 0, overflow: 0), count: count))
    }
}
