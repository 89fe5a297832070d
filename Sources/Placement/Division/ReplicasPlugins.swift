/// A KubeAdmiral replicas plugin (kubeadmiral-planner.md §0 step 4): divides the workload's replicas over
/// the selected clusters.
public protocol ReplicasPlugin {
    /// The planner's plan and overflow, before they are summed.
    static func division(_ input: ReplicasPluginInput) -> ReplicaDivision
}

extension ReplicasPlugin {
    /// What the plugin writes: `plan + overflow` per selected cluster, in selection order, without zeros.
    public static func replicaScheduling(_ input: ReplicasPluginInput) -> [ClusterReplicas] {
        let written = division(input).writtenByCluster
        return input.clusters.compactMap { cluster in
            let replicas = written[cluster.name] ?? 0
            return replicas == 0 ? nil : ClusterReplicas(cluster: cluster.name, replicas: replicas)
        }
    }
}

/// KubeAdmiral's `ClusterCapacityWeight` replicas plugin: Spread over the selected clusters
/// (kubeadmiral-planner.md §0 step 4, §1.5, `rsp.go`).
public enum ClusterCapacityWeightPlugin: ReplicasPlugin {
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
            count: clusters.count, totalReplicas: input.terms.totalReplicas, replicaSetKey: input.terms.replicaSetKey,
            avoidDisruption: input.terms.avoidDisruption, keepUnschedulable: input.terms.keepUnschedulableReplicas,
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
public enum PreferenceBinPackPlugin: ReplicasPlugin {
    /// Builds each selected cluster's minimum and (NoSchedule-capped) maximum, and runs Binpack: the plan
    /// and overflow before they are summed. The policy's maps are read straight into Binpack's columns.
    public static func division(_ input: ReplicasPluginInput) -> ReplicaDivision {
        let clusters = input.clusters
        return BinpackPlanner.divide(
            count: clusters.count, totalReplicas: input.terms.totalReplicas, avoidDisruption: input.terms.avoidDisruption,
            keepUnschedulable: input.terms.keepUnschedulableReplicas,
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
                        input.terms.scheduledReplicas ?? [:],
                        unlisted: { unlisted.addScheduled($0, $1, estimate: input.usableEstimate($0)) }) { c.setScheduled($0, $1) }
                }
                return unlisted
            },
            emit: { c, outcome, unlisted in c.division(outcome, unlisted: unlisted) { clusters[$0].name } })
    }
}
