/// One cluster's replica preferences as the planners see them (kubeadmiral-planner.md §0 table, §1.1, §2).
///
/// The planners take the preferences already resolved per cluster, in a meaningful order: for Spread the
/// order only matters for exact ties (§1.1 sorts by weight, then hash); for Binpack it *is* the priority
/// order (§2), highest priority first.
public struct ClusterPreference: Sendable, Hashable {
    /// The member cluster's name. Names must be unique within one division, as they are map keys upstream.
    public var name: String {
        didSet { namePrefixState = SpreadOrderHash.prefixState(of: name) }
    }
    /// Spread's weight (§1.2); Binpack ignores it.
    public var weight: Int64
    /// Replicas given before any weighting or packing (§1.2 phase 1); capped by the replicas left.
    public var minReplicas: Int64
    /// Hard upper bound; `nil` means unbounded. It beats `minReplicas` (§7.7).
    public var maxReplicas: Int64?
    /// Whether Spread's scale-up (§1.3) sees `maxReplicas`. Upstream reads the cluster's own entry there,
    /// without the `"*"` fallback, so a maximum inherited from `"*"` is invisible to scale-up. Only
    /// `ReplicaPreferenceTable` ever clears it.
    var maxReplicasVisibleToScaleUp: Bool = true
    /// The FNV-1 state after the name's bytes (§1.1), computed once when the name is set, so that a division
    /// only folds in the replica-set key and never reads the name's bytes again.
    private(set) var namePrefixState: UInt32

    public init(name: String, weight: Int64 = 0, minReplicas: Int64 = 0, maxReplicas: Int64? = nil) {
        self.name = name
        self.namePrefixState = SpreadOrderHash.prefixState(of: name)
        self.weight = weight
        self.minReplicas = minReplicas
        self.maxReplicas = maxReplicas
    }
}

/// The values of one entry of a raw preference map (`ReplicaSchedulingPreference.Clusters[c]` upstream).
public struct ReplicaPreferenceValues: Sendable, Hashable {
    public var weight: Int64
    public var minReplicas: Int64
    public var maxReplicas: Int64?

    public init(weight: Int64 = 0, minReplicas: Int64 = 0, maxReplicas: Int64? = nil) {
        self.weight = weight
        self.minReplicas = minReplicas
        self.maxReplicas = maxReplicas
    }
}

/// A raw, name-keyed preference map, possibly with a `"*"` entry, as the upstream planner receives it.
///
/// Production code always gives every selected cluster an explicit entry (§1.1), so this exists for
/// replaying upstream fixtures bit-exactly, where `"*"` and entries for unavailable clusters do occur.
public struct ReplicaPreferenceTable: Sendable, Hashable {
    /// The wildcard key that Spread falls back to (§1.1).
    public static let wildcard = "*"

    public var entries: [String: ReplicaPreferenceValues]

    public init(_ entries: [String: ReplicaPreferenceValues] = [:]) { self.entries = entries }

    /// Spread's resolution (§1.1): the cluster's entry, else `"*"`, else the cluster is left out entirely
    /// (it will have no key in the plan, not even 0). Order follows `availableClusters`.
    public func spreadPreferences(for availableClusters: [String]) -> [ClusterPreference] {
        let wildcardValues = entries[Self.wildcard]
        var resolved: [ClusterPreference] = []
        resolved.reserveCapacity(availableClusters.count)
        for name in availableClusters {
            if let own = entries[name] {
                resolved.append(ClusterPreference(
                    name: name, weight: own.weight, minReplicas: own.minReplicas, maxReplicas: own.maxReplicas))
            } else if let shared = wildcardValues {
                var preference = ClusterPreference(
                    name: name, weight: shared.weight, minReplicas: shared.minReplicas,
                    maxReplicas: shared.maxReplicas)
                preference.maxReplicasVisibleToScaleUp = false
                resolved.append(preference)
            }
        }
        return resolved
    }

    /// Binpack's resolution (§2, §6): the cluster's entry, else zero values. There is no wildcard, and
    /// every available cluster is kept, in priority order.
    public func binpackPreferences(for availableClusters: [String]) -> [ClusterPreference] {
        availableClusters.map { name in
            let own = entries[name] ?? ReplicaPreferenceValues()
            return ClusterPreference(
                name: name, weight: own.weight, minReplicas: own.minReplicas, maxReplicas: own.maxReplicas)
        }
    }
}
