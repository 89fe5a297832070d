/// What the replicas plugins receive from the scheduling unit (kubeadmiral-planner.md §0 steps 2–4 and
/// the inputs table): the selected clusters in selection order, and the policy's name-keyed preferences.
///
/// The maps are kept as the policy gives them, because their *presence* matters: Spread uses dynamic
/// weights exactly when `weights` is empty, even if its entries name only unselected clusters (§1.5).
public struct ReplicasPluginInput: Sendable {
    /// The total, migration data, key and flags (§0 inputs table).
    public var terms: DivisionTerms
    /// The selected clusters, in the order the select plugins left them (§0 step 4; §2 for Binpack).
    public var clusters: [ReplicasPluginCluster]
    /// `placement[].preferences.weight` by cluster; empty means dynamic weights (Spread only).
    public var weights: [String: Int64]
    /// `placement[].preferences.minReplicas`; absent means 0.
    public var minReplicas: [String: Int64]
    /// `placement[].preferences.maxReplicas`; absent means unbounded.
    public var maxReplicas: [String: Int64]
    /// The scheduler's current placement (`CurrentClusters`).
    public var currentClusters: [String: CurrentReplicas]
    /// Spread's dynamic-weight supply-limit ratio (§1.5).
    public var supplyLimitRatio: Double

    public init(
        _ terms: DivisionTerms,
        clusters: [ReplicasPluginCluster],
        weights: [String: Int64] = [:],
        minReplicas: [String: Int64] = [:],
        maxReplicas: [String: Int64] = [:],
        currentClusters: [String: CurrentReplicas] = [:],
        supplyLimitRatio: Double = DynamicWeights.productionSupplyLimitRatio
    ) {
        self.terms = terms
        self.clusters = clusters
        self.weights = weights
        self.minReplicas = minReplicas
        self.maxReplicas = maxReplicas
        self.currentClusters = currentClusters
        self.supplyLimitRatio = supplyLimitRatio
    }
}

/// One selected cluster, as far as the replicas plugins look at it.
public struct ReplicasPluginCluster: Sendable, Hashable {
    public var name: String
    /// An untolerated `NoSchedule` taint freezes the cluster at its current size (§7.6). Computed by the
    /// caller from the cluster's taints and the workload's tolerations.
    public var hasUntoleratedNoScheduleTaint: Bool
    /// Allocatable and available amounts of the dynamic-weight resource (§1.5), 0 when unreported.
    public var allocatable: Int64
    public var available: Int64

    public init(name: String, hasUntoleratedNoScheduleTaint: Bool = false, allocatable: Int64 = 0, available: Int64 = 0) {
        self.name = name
        self.hasUntoleratedNoScheduleTaint = hasUntoleratedNoScheduleTaint
        self.allocatable = allocatable
        self.available = available
    }
}

/// A cluster's entry in the scheduler's current placement (§0 step 2).
public enum CurrentReplicas: Sendable, Hashable {
    /// The scheduler's own `/spec/replicas` override for the cluster.
    case count(Int64)
    /// A placement without a replicas override: the plugins read it as `totalReplicas` (§7.2).
    case noOverride
}

/// The columns both replicas plugins fill from the policy's maps (§0 inputs table). The planner has
/// loaded its defaults (0, or "no cap") first; `hasCurrent` and `hasEstimated` mark keys with 1.
struct ReplicasPluginColumns {
    var minimum, maximum, current, estimated, limited: UnsafeMutablePointer<Int64>
    var hasCurrent, hasEstimated: UnsafeMutablePointer<Int64>?
}

extension ReplicasPluginInput {
    /// Reads the minimums, maximums, current counts and capacities into `columns`, by position in
    /// `clusters`, and says whether some current cluster is not selected.
    ///
    /// A placement without a replicas override holds the whole `totalReplicas` (§7.2); only estimates ≥ 0
    /// reach the planners; behind an untolerated NoSchedule taint the maximum drops to the current count,
    /// 0 if not placed (§7.6).
    @inline(__always)
    func load(into columns: ReplicasPluginColumns, _ index: ClusterNameIndex<ReplicasPluginCluster>) -> Bool {
        var currentUnlisted = false
        index.scatter(minReplicas) { columns.minimum[$0] = $1 }
        index.scatter(maxReplicas) { columns.maximum[$0] = $1 }
        index.scatter(currentClusters, unlisted: { _, _ in currentUnlisted = true }) { i, entry in
            switch entry {
            case .count(let replicas): columns.current[i] = replicas
            case .noOverride: columns.current[i] = terms.totalReplicas
            }
            columns.hasCurrent?[i] = 1
        }
        index.scatter(terms.estimatedCapacity) { i, estimate in
            guard estimate >= 0 else { return }
            columns.estimated[i] = estimate
            columns.hasEstimated?[i] = 1
        }
        index.scatter(terms.limitedCapacity) { columns.limited[$0] = $1 }
        for i in clusters.indices where clusters[i].hasUntoleratedNoScheduleTaint {
            columns.maximum[i] = min(columns.maximum[i], columns.current[i])
        }
        return currentUnlisted
    }

    /// The capacity estimate of `cluster` as the planners may see it: only entries ≥ 0 (§0 inputs table).
    func usableEstimate(_ cluster: String) -> Int64? {
        guard let estimate = terms.estimatedCapacity[cluster], estimate >= 0 else { return nil }
        return estimate
    }
}
