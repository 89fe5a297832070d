/// Binpack: KubeAdmiral's `PreferenceBinPack` planner (kubeadmiral-planner.md §2).
///
/// Clusters come in priority order, highest first; weights are ignored. The name-keyed input is turned into
/// columns once at the edge, where the few facts about keys *outside* the cluster list (which upstream can
/// see because it works on maps) are also settled.
public enum BinpackPlanner {
    /// Divides `input.totalReplicas` over `input.clusters` by priority (§2 steps 1–8).
    ///
    /// The plan normally has every cluster as a key, in input order. When planning is deferred (§2 step 1)
    /// it is `currentReplicas` verbatim; when every replica already runs (§2 step 5) it is
    /// `scheduledReplicas` verbatim, whose keys outside the list follow, sorted by name.
    public static func plan(_ input: ReplicaDivisionInput) -> ReplicaDivision {
        let clusters = input.clusters
        let n = clusters.count
        var position: [String: Int] = [:]
        position.reserveCapacity(n)
        for (i, preference) in clusters.enumerated() where position[preference.name] == nil {
            position[preference.name] = i
        }
        return DivisionColumns.with(count: n, columnCount: BinpackColumns.columnCount) { block in
            let c = BinpackColumns(block)
            for (i, preference) in clusters.enumerated() {
                c.order[i] = Int64(i)
                c.minimum[i] = preference.minReplicas
                c.maximum[i] = preference.maxReplicas ?? DivisionColumns.absent
                c.limited[i] = input.limitedCapacity[preference.name] ?? DivisionColumns.absent
                if let estimate = input.estimatedCapacity[preference.name] {
                    c.estimated[i] = estimate
                    c.hasEstimated[i] = 1
                } else {
                    c.estimated[i] = DivisionColumns.absent
                }
            }
            var currentOutsideList = false
            for (name, replicas) in input.currentReplicas ?? [:] {
                guard let i = position[name] else { currentOutsideList = true; continue }
                c.current[i] = replicas
                c.hasCurrent[i] = 1
            }
            // §2 `isEstimatedCapacityAvailable` for scheduled entries of unlisted clusters (current is 0 there,
            // or planning is forced anyway by `currentOutsideList`).
            var scheduledOutsideList: [ClusterReplicas] = []
            var outsideConsistent = true
            for (name, scheduled) in input.scheduledReplicas ?? [:] {
                if let i = position[name] {
                    c.scheduled[i] = scheduled
                    c.hasScheduled[i] = 1
                } else {
                    scheduledOutsideList.append(ClusterReplicas(cluster: name, replicas: scheduled))
                    let expected = input.estimatedCapacity[name] ?? input.currentReplicas?[name] ?? 0
                    if scheduled != expected { outsideConsistent = false }
                }
            }
            scheduledOutsideList.sort { $0.cluster < $1.cluster }

            let outcome = run(
                c, totalReplicas: input.totalReplicas, avoidDisruption: input.avoidDisruption,
                keepUnschedulable: input.keepUnschedulableReplicas,
                mustPlan: currentOutsideList, outsideScheduledConsistent: outsideConsistent)
            var division = ReplicaDivision()
            for (i, preference) in clusters.enumerated() {
                switch outcome {
                case .current where c.hasCurrent[i] == 0, .scheduled where c.hasScheduled[i] == 0: continue
                case .current: division.plan.append(ClusterReplicas(cluster: preference.name, replicas: c.current[i]))
                case .scheduled:
                    division.plan.append(ClusterReplicas(cluster: preference.name, replicas: c.scheduled[i]))
                case .planned:
                    division.plan.append(ClusterReplicas(cluster: preference.name, replicas: c.plan[i]))
                    if c.overflow[i] > 0 {
                        division.overflow.append(ClusterReplicas(cluster: preference.name, replicas: c.overflow[i]))
                    }
                }
            }
            if outcome == .scheduled { division.plan += scheduledOutsideList }
            return division
        }
    }

    /// Binpack's `getDesiredPlan` alone (§2 step 3), as upstream's `Test_getDesiredPlan` calls it.
    static func desiredPlan(
        clusters: [ClusterPreference], totalReplicas: Int64,
        estimatedCapacity: [String: Int64], limitedCapacity: [String: Int64]
    ) -> ReplicaDivision {
        DivisionColumns.with(count: clusters.count, columnCount: BinpackColumns.columnCount) { block in
            let c = BinpackColumns(block)
            for (i, preference) in clusters.enumerated() {
                c.order[i] = Int64(i)
                c.minimum[i] = preference.minReplicas
                c.maximum[i] = preference.maxReplicas ?? DivisionColumns.absent
                c.limited[i] = limitedCapacity[preference.name] ?? DivisionColumns.absent
                c.estimated[i] = estimatedCapacity[preference.name] ?? DivisionColumns.absent
            }
            PackedRounds.desiredPlan(
                order: c.order, count: clusters.count, minimum: c.minimum, maximum: c.maximum, limited: c.limited,
                estimated: c.estimated, total: totalReplicas, plan: c.plan, overflow: c.overflow)
            var division = ReplicaDivision()
            for (i, preference) in clusters.enumerated() {
                division.plan.append(ClusterReplicas(cluster: preference.name, replicas: c.plan[i]))
                if c.overflow[i] > 0 {
                    division.overflow.append(ClusterReplicas(cluster: preference.name, replicas: c.overflow[i]))
                }
            }
            return division
        }
    }

    /// Which map `Plan` returned: the current counts (deferred), the scheduled counts, or a computed plan.
    enum Outcome { case current, scheduled, planned }

    /// `Plan` over columns (§2). A `.planned` answer is in `c.plan` / `c.overflow`.
    static func run(
        _ c: BinpackColumns, totalReplicas total: Int64, avoidDisruption: Bool, keepUnschedulable: Bool,
        mustPlan: Bool, outsideScheduledConsistent: Bool
    ) -> Outcome {
        let n = c.count
        // Step 1, `shouldPlan`: defer until the status of all replicas is known.
        if !shouldPlan(c, mustPlan: mustPlan, outsideScheduledConsistent: outsideScheduledConsistent) {
            return .current
        }
        // Step 2: as in Spread (§1.3.1), not avoiding disruption forces keeping unschedulable replicas.
        let keep = keepUnschedulable || !avoidDisruption
        PackedRounds.desiredPlan(
            order: c.order, count: n, minimum: c.minimum, maximum: c.maximum, limited: c.limited,
            estimated: c.estimated, total: total, plan: c.plan, overflow: c.overflow)
        // Step 4: what runs now within the caps, and what is scheduled within the hard cap.
        var currentTotal: Int64 = 0
        var scheduledTotal: Int64 = 0
        var desiredTotal: Int64 = 0
        for i in 0..<n {
            let running = min(c.current[i], c.estimated[i], c.limited[i])
            c.currentPlan[i] = running
            currentTotal &+= running
            scheduledTotal &+= min(c.scheduled[i], c.limited[i])
            desiredTotal &+= c.plan[i]
        }
        // Step 5: every replica already runs somewhere, so the pending extras go.
        if !keep && scheduledTotal == total { return .scheduled }
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
        if scalingDown {
            // Lowest priority first: candidates are prepended upstream, so they run in reverse order.
            for i in stride(from: n - 1, through: 0, by: -1) where c.plan[i] < c.currentPlan[i] {
                c.deltaOrder[candidates] = Int64(i)
                c.deltaMinimum[i] = 0
                c.deltaMaximum[i] = c.currentPlan[i]
                candidates += 1
            }
        } else {
            for i in 0..<n where c.plan[i] > c.currentPlan[i] {
                c.deltaOrder[candidates] = Int64(i)
                c.deltaMinimum[i] = c.minimum[i]
                let maximum = c.maximum[i]
                c.deltaMaximum[i] = maximum == DivisionColumns.absent ? maximum : maximum &- c.currentPlan[i]
                candidates += 1
            }
        }
        for i in 0..<n { c.deltaPlan[i] = 0 }
        // Scale-up caps the *increment* by the hard cap (§7.8); estimates do not apply to either delta.
        PackedRounds.desiredPlan(
            order: c.deltaOrder, count: candidates, minimum: c.deltaMinimum, maximum: c.deltaMaximum,
            limited: scalingDown ? nil : c.limited, estimated: nil,
            total: scalingDown ? currentTotal &- total : total &- currentTotal, plan: c.deltaPlan, overflow: nil)
        for i in 0..<n {
            c.plan[i] = scalingDown ? c.currentPlan[i] &- c.deltaPlan[i] : c.currentPlan[i] &+ c.deltaPlan[i]
        }
        return .planned
    }

    /// §2 step 1: replan if a current cluster left the list, a current count exceeds its hard cap, or the
    /// auto-migration data agrees with the current layout (`isEstimatedCapacityAvailable`).
    private static func shouldPlan(_ c: BinpackColumns, mustPlan: Bool, outsideScheduledConsistent: Bool) -> Bool {
        if mustPlan { return true }
        for i in 0..<c.count where c.hasCurrent[i] != 0 && c.current[i] > c.limited[i] { return true }
        if !outsideScheduledConsistent { return false }
        for i in 0..<c.count where c.hasScheduled[i] != 0 {
            let expected = c.hasEstimated[i] != 0 ? c.estimated[i] : c.current[i]
            if c.scheduled[i] != expected { return false }
        }
        return true
    }
}

/// The named columns of one Binpack division, carved out of one `DivisionColumns` block.
struct BinpackColumns {
    static let columnCount = 17
    let count: Int
    let minimum, maximum, limited, estimated, hasEstimated, current, hasCurrent, scheduled, hasScheduled:
        UnsafeMutablePointer<Int64>
    let plan, overflow, currentPlan, deltaMinimum, deltaMaximum, deltaPlan, order, deltaOrder:
        UnsafeMutablePointer<Int64>

    init(_ block: DivisionColumns) {
        count = block.count
        minimum = block[0]; maximum = block[1]; limited = block[2]; estimated = block[3]; hasEstimated = block[4]
        current = block[5]; hasCurrent = block[6]; scheduled = block[7]; hasScheduled = block[8]
        plan = block[9]; overflow = block[10]; currentPlan = block[11]; deltaMinimum = block[12]
        deltaMaximum = block[13]; deltaPlan = block[14]; order = block[15]; deltaOrder = block[16]
    }
}
