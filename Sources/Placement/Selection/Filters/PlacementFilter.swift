/// With an explicit placement list, only the listed clusters are candidates (KubeAdmiral's
/// `PlacementFilter`, kubeadmiral-api.md §3.1 `placement`). An empty list keeps every cluster.
struct PlacementFilter: ClusterFilter {
    let name = "PlacementFilter"

    func rejection(of cluster: FederatedCluster, in context: SelectionContext) -> String? {
        let placements = context.request.placements
        guard !placements.isEmpty, !placements.contains(where: { $0.cluster == cluster.name }) else { return nil }
        return "not in \(context.request.placementsSource)"
    }
}
