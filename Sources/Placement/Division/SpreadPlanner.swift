/// Spread: KubeAdmiral's weighted planner (`planner.Plan`, kubeadmiral-planner.md §1).
///
/// Two entry points share one column-based core: the name-keyed `ReplicaDivisionInput` form, and the
/// position-aligned `IndexedDivisionInput` fast path, which allocates only its result.
public enum SpreadPlanner {
    /// Divides `input.totalReplicas` over `input.clusters` by weight (§1.1–§1.4).
    ///
    /// Every input cluster is a key of `plan` (in input order); `overflow` lists only positive entries.
    public static func plan(_ input: ReplicaDivisionInput) -> ReplicaDivision {
        let clusters = input.clusters
        let terms = input.terms
        let current = input.currentReplicas ?? [:]
        let estimated = terms.estimatedCapacity
        let limited = terms.limitedCapacity
        return divide(
            count: clusters.count, totalReplicas: terms.totalReplicas, replicaSetKey: terms.replicaSetKey,
            avoidDisruption: terms.avoidDisruption, keepUnschedulable: terms.keepUnschedulableReplicas,
            fill: { columns in
                for i in 0..<clusters.count {
                    columns.load(clusters[i], at: i, current: nil, estimated: nil, limited: nil)
                }
                if current.isEmpty && estimated.isEmpty && limited.isEmpty { return }
                ClusterNameIndex.with(clusters) { index in
                    index.scatter(current) { columns.current[$0] = $1 }
                    index.scatter(estimated) { columns.estimated[$0] = $1 }
                    index.scatter(limited) { columns.limited[$0] = $1 }
                }
            },
            emit: { columns in
                ReplicaDivision(plan: columns.plan, overflow: columns.overflow, count: clusters.count) {
                    clusters[$0].name
                }
            })
    }

    /// The fast path: the same division, answered position by position (`result[i]` is `clusters[i]`'s).
    public static func plan(_ input: IndexedDivisionInput) -> [ClusterShare] {
        var shares: [ClusterShare] = []
        plan(input, into: &shares)
        return shares
    }

    /// The fast path into a caller-owned buffer: `shares` is overwritten with one share per input cluster.
    ///
    /// Reusing `shares` across decisions keeps its storage, so a decision allocates nothing for its result.
    public static func plan(_ input: IndexedDivisionInput, into shares: inout [ClusterShare]) {
        let count = input.clusters.count
        shares.resetCount(count)
        input.clusters.withUnsafeBufferPointer { clusters in
            shares.withUnsafeMutableBufferPointer { result in
                divide(
                    count: count, totalReplicas: input.totalReplicas, replicaSetKey: input.replicaSetKey,
                    avoidDisruption: input.avoidDisruption, keepUnschedulable: input.keepUnschedulableReplicas,
                    fill: { columns in
                        for i in 0..<count {
                            let cluster = clusters[i]
                            columns.load(
                                cluster.preference, at: i, current: cluster.currentReplicas,
                                estimated: cluster.estimatedCapacity, limited: cluster.limitedCapacity)
                        }
                    },
                    emit: { columns in
                        for i in 0..<count {
                            result[i] = ClusterShare(planned: columns.plan[i], overflow: columns.overflow[i])
                        }
                    })
            }
        }
    }

    /// Runs `Plan` over columns that `fill` loads; `emit` reads the final `plan` and `overflow` columns.
    @inline(__always)
    static func divide<R>(
        count: Int, totalReplicas: Int64, replicaSetKey: String, avoidDisruption: Bool, keepUnschedulable: Bool,
        fill: (SpreadColumns) -> Void, emit: (SpreadColumns) -> R
    ) -> R {
        DivisionColumns.with(count: count, columnCount: SpreadColumns.columnCount, zeroed: false) { block in
            let columns = SpreadColumns(block)
            fill(columns)
            SpreadOrderHash.appendKey(replicaSetKey, toStates: columns.hash, count: count)
            run(columns, totalReplicas: totalReplicas, avoidDisruption: avoidDisruption,
                keepUnschedulable: keepUnschedulable)
            return emit(columns)
        }
    }

    /// `Plan` itself (§1.1–§1.3), leaving the answer in `columns.plan` and `columns.overflow`.
    static func run(_ c: SpreadColumns, totalReplicas: Int64, avoidDisruption: Bool, keepUnschedulable: Bool) {
        let n = c.count
        for i in 0..<n { c.order[i] = Int64(i) }
        ClusterOrdering.sortSpreadOrder(
            c.order, count: n, weight: c.weight, hash: c.hash, keys: c.sortKey, scratch: c.sortScratch)
        // §1.3.1: without avoidDisruption, keeping unschedulable replicas is forced, or reschedules would
        // move them back and forth forever.
        _ = WeightedRounds.desiredPlan(
            order: c.order, count: n, rotation: c.rotation, weight: c.weight, minimum: c.minimum,
            maximum: c.maximum, limited: c.limited, estimated: c.estimated, total: totalReplicas,
            keepUnschedulable: keepUnschedulable || !avoidDisruption, plan: c.plan, overflow: c.overflow)
        if !avoidDisruption { return }

        // §1.3.2: what currently runs, within the caps. The overflow stays the desired plan's (§1.3.4).
        let (currentTotal, desiredTotal) = AvoidDisruption.currentLayout(
            count: n, current: c.current, estimated: c.estimated, limited: c.limited, plan: c.plan,
            currentPlan: c.currentPlan)
        if currentTotal == desiredTotal {
            c.plan.update(from: c.currentPlan, count: n)
            return
        }
        // §1.3.3: move only the delta, proportionally to each cluster's distance from its target.
        let scalingDown = currentTotal > desiredTotal
        var candidates = 0
        // Candidates are compacted with selects rather than branches: which clusters qualify is data.
        for i in 0..<n {
            let running = c.currentPlan[i]
            let desired = c.plan[i]
            let delta = scalingDown ? running &- desired : desired &- running
            c.deltaWeight[i] = delta
            let maximum = c.scaleUpMaximum[i]
            c.deltaMaximum[i] = scalingDown
                ? running : (maximum == DivisionColumns.absent ? maximum : maximum &- running)
            c.deltaOrder[candidates] = Int64(i)
            candidates &+= delta > 0 ? 1 : 0
            c.deltaPlan[i] = 0
        }
        ClusterOrdering.sortSpreadOrder(
            c.deltaOrder, count: candidates, weight: c.deltaWeight, hash: c.hash, keys: c.sortKey,
            scratch: c.sortScratch)
        _ = WeightedRounds.desiredPlan(
            order: c.deltaOrder, count: candidates, rotation: c.rotation, weight: c.deltaWeight, minimum: nil,
            maximum: c.deltaMaximum, limited: nil, estimated: nil,
            total: scalingDown ? currentTotal &- desiredTotal : desiredTotal &- currentTotal,
            keepUnschedulable: false, plan: c.deltaPlan, overflow: nil)
        AvoidDisruption.apply(c.deltaPlan, scalingDown: scalingDown, to: c.currentPlan, count: n, plan: c.plan)
    }
}

/// The named columns of one Spread division (§1), carved out of one `DivisionColumns` block.
struct SpreadColumns {
    static let columnCount = 19
    let count: Int
    let weight, minimum, maximum, scaleUpMaximum, limited, estimated, current, hash: UnsafeMutablePointer<Int64>
    let plan, overflow, currentPlan, deltaWeight, deltaMaximum, deltaPlan: UnsafeMutablePointer<Int64>
    let order, rotation, deltaOrder, sortKey, sortScratch: UnsafeMutablePointer<Int64>

    @inline(__always)
    init(_ block: DivisionColumns) {
        count = block.count
        weight = block[0]; minimum = block[1]; maximum = block[2]; scaleUpMaximum = block[3]
        limited = block[4]; estimated = block[5]; current = block[6]; hash = block[7]
        plan = block[8]; overflow = block[9]; currentPlan = block[10]; deltaWeight = block[11]
        deltaMaximum = block[12]; deltaPlan = block[13]; order = block[14]; rotation = block[15]
        deltaOrder = block[16]; sortKey = block[17]; sortScratch = block[18]
    }

    /// Loads one preference and its counts (an absent count is 0, an absent cap never binds).
    @inline(__always)
    func load(_ preference: ClusterPreference, at i: Int, current: Int64?, estimated: Int64?, limited: Int64?) {
        load(
            at: i, weight: preference.weight, minimum: preference.minReplicas, maximum: preference.maxReplicas,
            maximumVisibleToScaleUp: preference.maxReplicasVisibleToScaleUp, nameState: preference.namePrefixState,
            current: current, estimated: estimated, limited: limited)
    }

    /// Loads one cluster, with the FNV-1 state of its name (the key is folded in later, in lockstep).
    @inline(__always)
    func load(
        at i: Int, weight: Int64, minimum: Int64, maximum: Int64?, maximumVisibleToScaleUp: Bool, nameState: UInt32,
        current: Int64?, estimated: Int64?, limited: Int64?
    ) {
        self.weight[i] = weight
        self.minimum[i] = minimum
        let maximum = maximum ?? DivisionColumns.absent
        self.maximum[i] = maximum
        scaleUpMaximum[i] = maximumVisibleToScaleUp ? maximum : DivisionColumns.absent
        hash[i] = Int64(nameState)
        self.current[i] = current ?? 0
        self.estimated[i] = estimated ?? DivisionColumns.absent
        self.limited[i] = limited ?? DivisionColumns.absent
    }
}
