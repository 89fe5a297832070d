/// KubeAdmiral's `ClusterCapacityWeight` replicas plugin: Spread over the selected clusters
/// (kubeadmiral-planner.md §0 step 4, §1.5, `rsp.go`).
public enum ClusterCapacityWeightPlugin {
    /// What the plugin writes: `plan + overflow` per selected cluster, in selection order, without zeros.
    public static func replicaScheduling(_ input: ReplicasPluginInput) -> [ClusterReplicas] {
        ReplicasPluginCommon.written(division(input), clusters: input.clusters)
    }

    /// Builds each selected cluster's preference (static weights — 0 where missing — or dynamic weights
    /// when the policy gives none), applies the NoSchedule cap, and runs Spread: the plan and overflow
    /// before they are summed.
    public static func division(_ input: ReplicasPluginInput) -> ReplicaDivision {
        let current = ReplicasPluginCommon.currentReplicaCount(input)
        var dynamicWeights: [Int64]?
        if input.weights.isEmpty {
            let limits = DynamicWeights.weightLimits(
                allocatable: input.clusters.map(\.allocatable), supplyLimitRatio: input.supplyLimitRatio)
            dynamicWeights = DynamicWeights.availableToPercentage(
                available: input.clusters.map(\.available), weightLimits: limits)
        }
        let preferences = input.clusters.enumerated().map { i, cluster in
            ClusterPreference(
                name: cluster.name,
                weight: dynamicWeights?[i] ?? input.weights[cluster.name] ?? 0,
                minReplicas: input.minReplicas[cluster.name] ?? 0,
                maxReplicas: ReplicasPluginCommon.maxReplicas(for: cluster, input: input, current: current))
        }
        return SpreadPlanner.plan(ReplicaDivisionInput(
            totalReplicas: input.totalReplicas, clusters: preferences, currentReplicas: current,
            estimatedCapacity: ReplicasPluginCommon.usableEstimates(input), limitedCapacity: input.limitedCapacity,
            replicaSetKey: input.replicaSetKey, avoidDisruption: input.avoidDisruption,
            keepUnschedulableReplicas: input.keepUnschedulableReplicas))
    }
}

/// KubeAdmiral's `PreferenceBinPack` replicas plugin: Binpack over the selected clusters in priority order
/// (kubeadmiral-planner.md §0 step 4, §2). Weights are ignored; the NoSchedule cap is the same as Spread's.
public enum PreferenceBinPackPlugin {
    /// What the plugin writes: `plan + overflow` per selected cluster, in selection order, without zeros.
    public static func replicaScheduling(_ input: ReplicasPluginInput) -> [ClusterReplicas] {
        ReplicasPluginCommon.written(division(input), clusters: input.clusters)
    }

    /// Builds each selected cluster's minimum and (NoSchedule-capped) maximum, and runs Binpack: the plan
    /// and overflow before they are summed.
    public static func division(_ input: ReplicasPluginInput) -> ReplicaDivision {
        let current = ReplicasPluginCommon.currentReplicaCount(input)
        let preferences = input.clusters.map { cluster in
            ClusterPreference(
                name: cluster.name,
                minReplicas: input.minReplicas[cluster.name] ?? 0,
                maxReplicas: ReplicasPluginCommon.maxReplicas(for: cluster, input: input, current: current))
        }
        return BinpackPlanner.plan(ReplicaDivisionInput(
            totalReplicas: input.totalReplicas, clusters: preferences, currentReplicas: current,
            estimatedCapacity: ReplicasPluginCommon.usableEstimates(input), limitedCapacity: input.limitedCapacity,
            scheduledReplicas: input.scheduledReplicas, avoidDisruption: input.avoidDisruption,
            keepUnschedulableReplicas: input.keepUnschedulableReplicas))
    }
}
