/// Everything one division needs, keyed by cluster name as the upstream planners take it (§1, §2).
///
/// This is the convenient edge of the API. Absent keys and empty maps are significant in the ways §1.3
/// and §2 describe: an absent current count is 0; an absent capacity means "no cap". For Spread, `nil`
/// and empty maps behave the same. Binpack copies `currentReplicas` or `scheduledReplicas` verbatim in
/// some branches (§2 steps 1 and 5), so their exact key sets, zero entries included, can show in the plan.
public struct ReplicaDivisionInput: Sendable {
    /// The workload's desired replica count (`spec.replicas`).
    public var totalReplicas: Int64
    /// The clusters that may receive replicas, with their preferences. For Binpack, priority order.
    public var clusters: [ClusterPreference]
    /// The current per-cluster replicas (upstream `currentReplicaCount`).
    public var currentReplicas: [String: Int64]?
    /// Auto-migration's estimate of what each cluster can run (§3); only non-negative entries belong here.
    public var estimatedCapacity: [String: Int64]
    /// Custom migration's hard caps (`replicasMigrations[].limitedCapacity`), enforced even when avoiding
    /// disruption (§0).
    public var limitedCapacity: [String: Int64]
    /// Binpack only: auto-migration's count of replicas with `PodScheduled=True` per cluster (§2, §3).
    public var scheduledReplicas: [String: Int64]?
    /// Spread only: the tie-break hash key, `"<namespace>/<name>"` of the source object (§1.1).
    public var replicaSetKey: String
    /// Move only the delta from the current layout (§1.3) instead of rebalancing fully.
    public var avoidDisruption: Bool
    /// Keep replicas that cannot be scheduled where they are, as overflow (§1.4).
    public var keepUnschedulableReplicas: Bool

    public init(
        totalReplicas: Int64,
        clusters: [ClusterPreference],
        currentReplicas: [String: Int64]? = nil,
        estimatedCapacity: [String: Int64] = [:],
        limitedCapacity: [String: Int64] = [:],
        scheduledReplicas: [String: Int64]? = nil,
        replicaSetKey: String = "",
        avoidDisruption: Bool = false,
        keepUnschedulableReplicas: Bool = false
    ) {
        self.totalReplicas = totalReplicas
        self.clusters = clusters
        self.currentReplicas = currentReplicas
        self.estimatedCapacity = estimatedCapacity
        self.limitedCapacity = limitedCapacity
        self.scheduledReplicas = scheduledReplicas
        self.replicaSetKey = replicaSetKey
        self.avoidDisruption = avoidDisruption
        self.keepUnschedulableReplicas = keepUnschedulableReplicas
    }
}
