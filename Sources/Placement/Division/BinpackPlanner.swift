/// Binpack: KubeAdmiral's `PreferenceBinPack` planner (kubeadmiral-planner.md §2).
///
/// Clusters come in priority order, highest first; weights are ignored. Every entry point loads the same
/// columns and runs the same core: the name-keyed `ReplicaDivisionInput` form, the position-aligned
/// `IndexedDivisionInput` fast path, and `PreferenceBinPackPlugin`, which reads its own maps. The few facts
/// about keys *outside* the cluster list, which upstream sees because it works on maps, are settled by the
/// name-keyed edges (`BinpackUnlistedKeys`); the indexed form cannot express such keys.
public enum BinpackPlanner {
    /// Divides `input.totalReplicas` over `input.clusters` by priority (§2 steps 1–8).
    ///
    /// The plan normally has every cluster as a key, in input order. When planning is deferred (§2 step 1)
    /// it is `currentReplicas` verbatim; when every replica already runs (§2 step 5) it is
    /// `scheduledReplicas` verbatim, whose keys outside the list follow, sorted by name.
    public static func plan(_ input: ReplicaDivisionInput) -> ReplicaDivision {
        let clusters = input.clusters
        let terms = input.terms
        let current = input.currentReplicas ?? [:]
        let scheduled = terms.scheduledReplicas ?? [:]
        let estimated = terms.estimatedCapacity
        let limited = terms.limitedCapacity
        return divide(
            count: clusters.count, totalReplicas: terms.totalReplicas, avoidDisruption: terms.avoidDisruption,
            keepUnschedulable: terms.keepUnschedulableReplicas,
            fill: { c in
                for i in 0..<clusters.count {
                    c.load(
                        i, minimum: clusters[i].minReplicas, maximum: clusters[i].maxReplicas, current: nil,
                        estimated: nil, limited: nil, scheduled: nil)
                }
                var unlisted = BinpackUnlistedKeys.none
                if current.isEmpty && estimated.isEmpty && limited.isEmpty && scheduled.isEmpty { return unlisted }
                ClusterNameIndex.with(clusters) { index in
                    index.scatter(current, unlisted: { _, _ in unlisted.currentUnlisted = true }) { c.setCurrent($0, $1) }
                    index.scatter(estimated) { c.setEstimated($0, $1) }
                    index.scatter(limited) { c.limited[$0] = $1 }
                    index.scatter(
                        scheduled, unlisted: { unlisted.addScheduled($0, $1, estimate: estimated[$0]) }) { c.setScheduled($0, $1) }
                }
                return unlisted
            },
            emit: { c, outcome, unlisted in c.division(outcome, unlisted: unlisted) { clusters[$0].name } })
    }

    /// The fast path into a caller-owned buffer: `shares` is overwritten with one share per input cluster,
    /// and the answer says which clusters are keys of the plan.
    ///
    /// Reusing `shares` across decisions keeps its storage, so a decision allocates nothing for its result.
    @discardableResult
    public static func plan(_ input: IndexedDivisionInput, into shares: inout [ClusterShare]) -> BinpackOutcome {
        let count = input.clusters.count
        shares.resetCount(count)
        return input.clusters.withUnsafeBufferPointer { clusters in
            shares.withUnsafeMutableBufferPointer { result in
                divide(
                    count: count, totalReplicas: input.totalReplicas, avoidDisruption: input.avoidDisruption,
                    keepUnschedulable: input.keepUnschedulableReplicas,
                    fill: { c in
                        for i in 0..<count {
                            let cluster = clusters[i]
                            c.load(
                                i, minimum: cluster.preference.minReplicas, maximum: cluster.preference.maxReplicas,
                                current: cluster.currentReplicas, estimated: cluster.estimatedCapacity,
                                limited: cluster.limitedCapacity, scheduled: cluster.scheduledReplicas)
                        }
                        return .none
                    },
                    emit: { c, outcome, _ in
                        c.shares(outcome, into: result)
                        return outcome
                    })
            }
        }
    }

    /// Binpack's `getDesiredPlan` alone (§2 step 3), as upstream's `Test_getDesiredPlan` calls it.
    static func desiredPlan(
        clusters: [ClusterPreference], totalReplicas: Int64,
        estimatedCapacity: [String: Int64], limitedCapacity: [String: Int64]
    ) -> ReplicaDivision {
        DivisionColumns.with(count: clusters.count, columnCount: BinpackColumns.columnCount, zeroed: false) { block in
            let c = BinpackColumns(block)
            for (i, preference) in clusters.enumerated() {
                c.load(
                    i, minimum: preference.minReplicas, maximum: preference.maxReplicas, current: nil,
                    estimated: estimatedCapacity[preference.name], limited: limitedCapacity[preference.name],
                    scheduled: nil)
            }
            PackedRounds.desiredPlan(
                order: c.order, count: clusters.count, minimum: c.minimum, maximum: c.maximum, limited: c.limited,
                estimated: c.estimated, total: totalReplicas, plan: c.plan, overflow: c.overflow)
            return c.division(.planned, unlisted: .none) { clusters[$0].name }
        }
    }

    /// Loads columns with `fill`, runs `Plan` over them, and lets `emit` read the answer.
    @inline(__always)
    static func divide<R>(
        count: Int, totalReplicas: Int64, avoidDisruption: Bool, keepUnschedulable: Bool,
        fill: (BinpackColumns) -> BinpackUnlistedKeys, emit: (BinpackColumns, BinpackOutcome, BinpackUnlistedKeys) -> R
    ) -> R {
        DivisionColumns.with(count: count, columnCount: BinpackColumns.columnCount, zeroed: false) { block in
            let columns = BinpackColumns(block)
            let unlisted = fill(columns)
            let outcome = run(
                columns, totalReplicas: totalReplicas, avoidDisruption: avoidDisruption,
                keepUnschedulable: keepUnschedulable, unlisted: unlisted)
            return emit(columns, outcome, unlisted)
        }
    }

    /// `Plan` over columns (§2). A `.planned` answer is in `c.plan` / `c.overflow`.
    static func run(
        _ c: BinpackColumns, totalReplicas total: Int64, avoidDisruption: Bool, keepUnschedulable: Bool,
        unlisted: BinpackUnlistedKeys
    ) -> BinpackOutcome {
        let n = c.count
        // Step 1, `shouldPlan`: defer until the status of all replicas is known.
        if !shouldPlan(c, unlisted: unlisted) { return .keptCurrent }
        // Step 2: as in Spread (§1.3.1), not avoiding disruption forces keeping unschedulable replicas.
        let keep = keepUnschedulable || !avoidDisruption
        PackedRounds.desiredPlan(
            order: c.order, count: n, minimum: c.minimum, maximum: c.maximum, limited: c.limited,
            estimated: c.estimated, total: total, plan: c.plan, overflow: c.overflow)
        // Step 4: what runs now within the caps, and what is scheduled within the hard cap.
        let (currentTotal, desiredTotal) = AvoidDisruption.currentLayout(
            count: n, current: c.current, estimated: c.estimated, limited: c.limited, plan: c.plan,
            currentPlan: c.currentPlan)
        var scheduledTotal: Int64 = 0
        for i in 0..<n { scheduledTotal &+= min(c.scheduled[i], c.limited[i]) }
        // Step 5: every replica already runs somewhere, so the pending extras go.
        if !keep && scheduledTotal == total { return .keptScheduled }
        // Step 6.
        if !avoidDisruption { return .planned }
        // Step 7: keep only the overflow that fits nowhere.
        if !keep {
            let unplaced = total &- scheduledTotal
            for i in 0..<n {
                let trimmed = min(c.overflow[i], unplaced)
                c.overflow[i] = trimmed > 0 ? trimmed : 0
            }
        }
        // Step 8: compare with the desired total; the deltas are sized against `total`, as upstream does.
        if currentTotal == desiredTotal {
            c.plan.update(from: c.currentPlan, count: n)
            return .planned
        }
        let scalingDown = currentTotal > desiredTotal
        var candidates = 0
        // Scaling down, candidates run lowest priority first: upstream prepends them. Scaling up, the
        // minimums still apply and the maximum bounds the increment. Compacted with selects, as in Spread.
        for k in 0..<n {
            let i = scalingDown ? n &- 1 &- k : k
            let running = c.currentPlan[i]
            let desired = c.plan[i]
            let maximum = c.maximum[i]
            c.deltaMinimum[i] = scalingDown ? 0 : c.minimum[i]
            c.deltaMaximum[i] = scalingDown
                ? running : (maximum == DivisionColumns.absent ? maximum : maximum &- running)
            c.deltaOrder[candidates] = Int64(i)
            candidates &+= (scalingDown ? desired < running : desired > running) ? 1 : 0
            c.deltaPlan[i] = 0
        }
        // Scale-up caps the *increment* by the hard cap (§7.8); estimates do not apply to either delta.
        PackedRounds.desiredPlan(
            order: c.deltaOrder, count: candidates, minimum: c.deltaMinimum, maximum: c.deltaMaximum,
            limited: scalingDown ? nil : c.limited, estimated: nil,
            total: scalingDown ? currentTotal &- total : total &- currentTotal, plan: c.deltaPlan, overflow: nil)
        AvoidDisruption.apply(c.deltaPlan, scalingDown: scalingDown, to: c.currentPlan, count: n, plan: c.plan)
        return .planned
    }

    /// §2 step 1: replan if a current cluster left the list, a current count exceeds its hard cap, or the
    /// auto-migration data agrees with the current layout (`isEstimatedCapacityAvailable`).
    private static func shouldPlan(_ c: BinpackColumns, unlisted: BinpackUnlistedKeys) -> Bool {
        if unlisted.currentUnlisted { return true }
        for i in 0..<c.count where c.hasCurrent[i] != 0 && c.current[i] > c.limited[i] { return true }
        if !unlisted.scheduledConsistent { return false }
        for i in 0..<c.count where c.hasScheduled[i] != 0 {
            let expected = c.hasEstimated[i] != 0 ? c.estimated[i] : c.current[i]
            if c.scheduled[i] != expected { return false }
        }
        return true
    }
}

/// Which clusters are keys of a Binpack plan, and where its counts come from (§2 steps 1 and 5).
public enum BinpackOutcome: Sendable, Hashable {
    /// A computed plan: every cluster is a key; the overflow is positive where it is a key.
    case planned
    /// Planning was deferred (§2 step 1): the plan is the current counts verbatim, so its keys are the
    /// clusters that have a current count, and there is no overflow.
    case keptCurrent
    /// Every replica already runs (§2 step 5): the plan is the scheduled counts verbatim, so its keys are
    /// the clusters that have a scheduled count, and there is no overflow.
    case keptScheduled

    /// Whether `cluster` is a key of the plan that this outcome describes.
    public func isPlanKey(_ cluster: IndexedCluster) -> Bool {
        switch self {
        case .planned: return true
        case .keptCurrent: return cluster.currentReplicas != nil
        case .keptScheduled: return cluster.scheduledReplicas != nil
        }
    }
}
