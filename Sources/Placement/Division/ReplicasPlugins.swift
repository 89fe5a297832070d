/// KubeAdmiral's `ClusterCapacityWeight` replicas plugin: Spread over the selected clusters
/// (kubeadmiral-planner.md §0 step 4, §1.5, `rsp.go`).
public enum ClusterCapacityWeightPlugin {
    /// What the plugin writes: `plan + overflow` per selected cluster, in selection order, without zeros.
    public static func replicaScheduling(_ input: ReplicasPluginInput) -> [ClusterReplicas] {
        input.written(division(input))
    }

    /// Builds each selected cluster's preference (static weights — 0 where missing — or dynamic weights
    /// when the policy gives none), applies the NoSchedule cap, and runs Spread: the plan and overflow
    /// before they are summed. The policy's maps are read straight into Spread's columns.
    public static func division(_ input: ReplicasPluginInput) -> ReplicaDivision {
        let clusters = input.clusters
        var dynamicWeights: [Int64]?
        if input.weights.isEmpty {
            let limits = DynamicWeights.weightLimits(
                allocatable: clusters.map(\.allocatable), supplyLimitRatio: input.supplyLimitRatio)
            dynamicWeights = DynamicWeights.availableToPercentage(
                available: clusters.map(\.available), weightLimits: limits)
        }
        return SpreadPlanner.divide(
            count: clusters.count, totalReplicas: input.totalReplicas, replicaSetKey: input.replicaSetKey,
            avoidDisruption: input.avoidDisruption, keepUnschedulable: input.keepUnschedulableReplicas,
            fill: { c in
                for i in 0..<clusters.count {
                    c.load(
                        at: i, weight: dynamicWeights?[i] ?? 0, minimum: 0, maximum: nil, maximumVisibleToScaleUp: true,
                        nameState: SpreadOrderHash.prefixState(of: clusters[i].name), current: nil, estimated: nil,
                        limited: nil)
                }
                ClusterNameIndex.with(clusters) { index in
                    if dynamicWeights == nil { index.scatter(input.weights) { c.weight[$0] = $1 } }
                    _ = input.load(
                        into: ReplicasPluginColumns(
                            minimum: c.minimum, maximum: c.maximum, current: c.current, estimated: c.estimated,
                            limited: c.limited),
                        index)
                }
                c.scaleUpMaximum.update(from: c.maximum, count: clusters.count)
            },
            emit: { c in
                ReplicaDivision(plan: c.plan, overflow: c.overflow, count: clusters.count) { clusters[$0].name }
            })
    }
}

/// KubeAdmiral's `PreferenceBinPack` replicas plugin: Binpack over the selected clusters in priority order
/// (kubeadmiral-planner.md §0 step 4, §2). Weights are ignored; the NoSchedule cap is the same as Spread's.
public enum PreferenceBinPackPlugin {
    /// What the plugin writes: `plan + overflow` per selected cluster, in selection order, without zeros.
    public static func replicaScheduling(_ input: ReplicasPluginInput) -> [ClusterReplicas] {
        input.written(division(input))
    }

    /// Builds each selected cluster's minimum and (NoSchedule-capped) maximum, and runs Binpack: the plan
    /// and overflow before they are summed. The policy's maps are read straight into Binpack's columns.
    public static func division(_ input: ReplicasPluginInput) -> ReplicaDivision {
        let clusters = input.clusters
        return BinpackPlanner.divide(
            count: clusters.count, totalReplicas: input.totalReplicas, avoidDisruption: input.avoidDisruption,
            keepUnschedulable: input.keepUnschedulableReplicas,
            fill: { c in
                for i in 0..<clusters.count {
                    c.load(i, minimum: 0, maximum: nil, current: nil, estimated: nil, limited: nil, scheduled: nil)
                }
                var unlisted = BinpackUnlistedKeys.none
                ClusterNameIndex.with(clusters) { index in
                    unlisted.currentUnlisted = input.load(
                        into: ReplicasPluginColumns(
                            minimum: c.minimum, maximum: c.maximum, current: c.current, estimated: c.estimated,
                            limited: c.limited, hasCurrent: c.hasCurrent, hasEstimated: c.hasEstimated),
                        index)
                    index.scatter(
                        input.scheduledReplicas ?? [:],
                        unlisted: { unlisted.addScheduled($0, $1, estimate: input.usableEstimate($0)) }) { c.setScheduled($0, $1) }
                }
                return unlisted
            },
            emit: { c, outcome, unlisted in c.division(outcome, unlisted: unlisted) { clusters[$0].name } })
    }
}
