/// One selected cluster's share of a workload: what is written to the member (`replicas`, which is
/// `plan + overflow`, or `nil` for Duplicate mode) and the overflow part of it.
struct ReplicaShare: Sendable, Equatable {
    var cluster: String
    var replicas: Int64?
    var overflow: Int64

    /// Divides the workload over the selected clusters: the whole template to each in Duplicate
    /// mode, otherwise the Spread or Binpack replicas plugin, in selection order, dropping clusters
    /// that receive nothing (kubeadmiral-planner.md §0 step 4).
    static func divide(_ request: PlacementRequest, over selection: ClusterSelection) -> [ReplicaShare] {
        guard request.schedulingMode == .divide else {
            return selection.selected.map { ReplicaShare(cluster: $0.name, replicas: nil, overflow: 0) }
        }
        let input = pluginInput(request, selection)
        let division: ReplicaDivision
        switch request.replicasStrategy {
        case .spread: division = ClusterCapacityWeightPlugin.division(input)
        case .binpack: division = PreferenceBinPackPlugin.division(input)
        }
        let plan = division.planByCluster
        let overflow = division.overflowByCluster
        return selection.selected.compactMap { cluster in
            let extra = overflow[cluster.name] ?? 0
            let written = (plan[cluster.name] ?? 0) + extra
            return written == 0 ? nil : ReplicaShare(cluster: cluster.name, replicas: written, overflow: extra)
        }
    }

    /// The current placement, unchanged (`disableRescheduling` with a placement, or
    /// `kubeadmiral.io/no-scheduling`); a cluster without a count keeps the template's replicas.
    static func current(_ request: PlacementRequest) -> [ReplicaShare] {
        request.currentPlacement.clusters.keys.sorted().map { cluster in
            let count = request.currentPlacement.clusters[cluster] ?? nil
            return ReplicaShare(cluster: cluster, replicas: count ?? request.desiredReplicas, overflow: 0)
        }
    }

    static func pluginInput(_ request: PlacementRequest, _ selection: ClusterSelection) -> ReplicasPluginInput {
        let resource = request.requestsGPU ? ResourceName.gpu : ResourceName.cpu
        let clusters = selection.selected.map { selected in
            let resources = selected.cluster.status.resources
            return ReplicasPluginCluster(
                name: selected.name, hasUntoleratedNoScheduleTaint: selected.hasUntoleratedNoScheduleTaint,
                allocatable: resources.allocatable.value(of: resource) ?? 0,
                available: resources.available.value(of: resource) ?? 0)
        }
        var current: [String: CurrentReplicas] = [:]
        for (cluster, count) in request.currentPlacement.clusters {
            current[cluster] = count.map(CurrentReplicas.count) ?? .noOverride
        }
        let terms = DivisionTerms(
            totalReplicas: request.desiredReplicas, estimatedCapacity: request.estimatedCapacity,
            limitedCapacity: request.limitedCapacity, scheduledReplicas: request.autoMigrationInfo?.scheduledReplicas,
            replicaSetKey: request.replicaSetKey, avoidDisruption: request.avoidDisruption,
            keepUnschedulableReplicas: request.keepUnschedulableReplicas)
        return ReplicasPluginInput(
            terms, clusters: clusters, weights: request.weights, minReplicas: request.minReplicas,
            maxReplicas: request.maxReplicas, currentClusters: current)
    }
}
