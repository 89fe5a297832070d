/// The named columns of one Binpack division (kubeadmiral-planner.md §2), carved out of one
/// `DivisionColumns` block. The `has…` columns hold 1 where the cluster has a key in that map, else 0.
struct BinpackColumns {
    static let columnCount = 17
    let count: Int
    let minimum, maximum, limited, estimated, hasEstimated, current, hasCurrent, scheduled, hasScheduled:
        UnsafeMutablePointer<Int64>
    let plan, overflow, currentPlan, deltaMinimum, deltaMaximum, deltaPlan, order, deltaOrder:
        UnsafeMutablePointer<Int64>

    @inline(__always)
    init(_ block: DivisionColumns) {
        count = block.count
        minimum = block[0]; maximum = block[1]; limited = block[2]; estimated = block[3]; hasEstimated = block[4]
        current = block[5]; hasCurrent = block[6]; scheduled = block[7]; hasScheduled = block[8]
        plan = block[9]; overflow = block[10]; currentPlan = block[11]; deltaMinimum = block[12]
        deltaMaximum = block[13]; deltaPlan = block[14]; order = block[15]; deltaOrder = block[16]
    }

    /// Loads cluster `i`, in priority position `i`. Writes every column the core reads before writing it,
    /// so the block need not be zeroed. An absent count is 0; an absent cap never binds.
    @inline(__always)
    func load(
        _ i: Int, minimum: Int64, maximum: Int64?, current: Int64?, estimated: Int64?, limited: Int64?,
        scheduled: Int64?
    ) {
        order[i] = Int64(truncatingIfNeeded: i)
        self.minimum[i] = minimum
        self.maximum[i] = maximum ?? DivisionColumns.absent
        self.limited[i] = limited ?? DivisionColumns.absent
        self.estimated[i] = estimated ?? DivisionColumns.absent
        hasEstimated[i] = estimated == nil ? 0 : 1
        self.current[i] = current ?? 0
        hasCurrent[i] = current == nil ? 0 : 1
        self.scheduled[i] = scheduled ?? 0
        hasScheduled[i] = scheduled == nil ? 0 : 1
    }

    @inline(__always)
    func setCurrent(_ i: Int, _ replicas: Int64) {
        current[i] = replicas
        hasCurrent[i] = 1
    }

    @inline(__always)
    func setEstimated(_ i: Int, _ capacity: Int64) {
        estimated[i] = capacity
        hasEstimated[i] = 1
    }

    @inline(__always)
    func setScheduled(_ i: Int, _ replicas: Int64) {
        scheduled[i] = replicas
        hasScheduled[i] = 1
    }

    /// The answer position by position; where a cluster is no key of the plan, its share is 0.
    @inline(__always)
    func shares(_ outcome: BinpackOutcome, into result: UnsafeMutableBufferPointer<ClusterShare>) {
        switch outcome {
        case .planned:
            for i in 0..<count { result[i] = ClusterShare(planned: plan[i], overflow: overflow[i]) }
        case .keptCurrent:
            for i in 0..<count { result[i] = ClusterShare(planned: current[i], overflow: 0) }
        case .keptScheduled:
            for i in 0..<count { result[i] = ClusterShare(planned: scheduled[i], overflow: 0) }
        }
    }

    /// The answer as upstream's maps, cluster `i` being called `name(i)`: only the keys the outcome has,
    /// in list order, then (for `.keptScheduled`) the unlisted scheduled entries.
    func division(
        _ outcome: BinpackOutcome, unlisted: BinpackUnlistedKeys, name: (Int) -> String
    ) -> ReplicaDivision {
        switch outcome {
        case .planned:
            return ReplicaDivision(plan: plan, overflow: overflow, count: count, name: name)
        case .keptCurrent:
            return ReplicaDivision(plan: Self.entries(current, where: hasCurrent, count: count, name: name))
        case .keptScheduled:
            return ReplicaDivision(
                plan: Self.entries(scheduled, where: hasScheduled, count: count, name: name) + unlisted.scheduled)
        }
    }

    private static func entries(
        _ values: UnsafePointer<Int64>, where present: UnsafePointer<Int64>, count: Int, name: (Int) -> String
    ) -> [ClusterReplicas] {
        var entries: [ClusterReplicas] = []
        for i in 0..<count where present[i] != 0 {
            entries.append(ClusterReplicas(cluster: name(i), replicas: values[i]))
        }
        return entries
    }
}

/// What a name-keyed caller knows that columns cannot say: keys of `currentReplicas` and
/// `scheduledReplicas` naming clusters outside the list (§2 steps 1 and 5). Upstream sees them because it
/// works on maps; the indexed form has none.
struct BinpackUnlistedKeys {
    /// Some current cluster is no longer listed (`isScheduledClustersRemoved`): upstream then always replans.
    var currentUnlisted = false
    /// Whether the unlisted scheduled entries agree with the estimates (`isEstimatedCapacityAvailable`).
    var scheduledConsistent = true
    /// The unlisted scheduled entries, sorted by name: the tail of a plan that is `scheduledReplicas` verbatim.
    private(set) var scheduled: [ClusterReplicas] = []

    /// No unlisted keys at all.
    static let none = BinpackUnlistedKeys()

    /// Adds the unlisted scheduled entry `cluster: replicas`, where the usable estimate is `estimate`.
    mutating func addScheduled(_ cluster: String, _ replicas: Int64, estimate: Int64?) {
        let entry = ClusterReplicas(cluster: cluster, replicas: replicas)
        scheduled.insert(entry, at: scheduled.firstIndex { $0.cluster > cluster } ?? scheduled.endIndex)
        // Upstream expects the estimate, else the current count. An unlisted cluster has no current count
        // unless `currentUnlisted` already forces planning, when consistency does not matter.
        if replicas != estimate ?? 0 { scheduledConsistent = false }
    }
}
