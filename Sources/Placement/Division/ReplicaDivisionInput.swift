/// What a division is asked besides the clusters and their current counts: the replica total, the
/// migration data, the tie-break key and the two flags (kubeadmiral-planner.md §0 inputs table). The
/// planners' keyed input and the replicas plugins' input both carry one.
///
/// Absent keys are significant in the ways §1.3 and §2 describe: an absent capacity means "no cap". For
/// Spread, `nil` and empty maps behave the same. Binpack copies `scheduledReplicas` verbatim in one branch
/// (§2 step 5), so its exact key set, zero entries included, can show in the plan.
public struct DivisionTerms: Sendable {
    /// The workload's desired replica count (`spec.replicas`).
    public var totalReplicas: Int64
    /// Auto-migration's estimate of what each cluster can run (§3); set only when the policy has
    /// `autoMigration`. The planners take it as given; the plugins ignore negative entries, as upstream does.
    public var estimatedCapacity: [String: Int64]
    /// Custom migration's hard caps (`replicasMigrations[].limitedCapacity`), enforced even when avoiding
    /// disruption (§0).
    public var limitedCapacity: [String: Int64]
    /// Binpack only: auto-migration's count of replicas with `PodScheduled=True` per cluster (§2, §3).
    public var scheduledReplicas: [String: Int64]?
    /// Spread only: the tie-break hash key, `"<namespace>/<name>"` of the source object, or `"<name>"` when
    /// it is cluster-scoped (§1.1).
    public var replicaSetKey: String
    /// Move only the delta from the current layout (§1.3) instead of rebalancing fully.
    public var avoidDisruption: Bool
    /// Keep replicas that cannot be scheduled where they are, as overflow (§1.4):
    /// `autoMigration.keepUnschedulableReplicas`, false when the policy has no autoMigration.
    public var keepUnschedulableReplicas: Bool

    public init(
        totalReplicas: Int64,
        estimatedCapacity: [String: Int64] = [:],
        limitedCapacity: [String: Int64] = [:],
        scheduledReplicas: [String: Int64]? = nil,
        replicaSetKey: String = "",
        avoidDisruption: Bool = false,
        keepUnschedulableReplicas: Bool = false
    ) {
        self.totalReplicas = totalReplicas
        self.estimatedCapacity = estimatedCapacity
        self.limitedCapacity = limitedCapacity
        self.scheduledReplicas = scheduledReplicas
        self.replicaSetKey = replicaSetKey
        self.avoidDisruption = avoidDisruption
        self.keepUnschedulableReplicas = keepUnschedulableReplicas
    }
}

/// Everything one division needs, keyed by cluster name as the upstream planners take it (§1, §2).
///
/// This is the convenient edge of the API. An absent current count is 0; for Spread, `nil` and empty
/// maps behave the same. Binpack copies `currentReplicas` verbatim when it defers planning (§2 step 1),
/// so its exact key set, zero entries included, can show in the plan.
public struct ReplicaDivisionInput: Sendable {
    public var terms: DivisionTerms
    /// The clusters that may receive replicas, with their preferences. For Binpack, priority order.
    public var clusters: [ClusterPreference]
    /// The current per-cluster replicas (upstream `currentReplicaCount`).
    public var currentReplicas: [String: Int64]?

    public init(_ terms: DivisionTerms, clusters: [ClusterPreference], currentReplicas: [String: Int64]? = nil) {
        self.terms = terms
        self.clusters = clusters
        self.currentReplicas = currentReplicas
    }
}
