/// Drops clusters that do not serve the workload's kind (KubeAdmiral's `APIResources` filter,
/// kubeadmiral-planner.md §4), judged from `status.apiResourceTypes`.
///
/// Deviation: a cluster that reports no API resources at all is kept. KubeAdmiral would drop it,
/// but an empty list means the cluster has not been discovered yet (status is collected only while
/// it is Ready, kubeadmiral-api.md §5.2) or was written by hand without it, not that it lacks
/// Deployments; the Ready and Joined filters already keep unusable clusters out.
struct APIResourcesFilter: ClusterFilter {
    let name = "APIResources"
    let group = "apps"
    let version = "v1"
    let kind = Workload.kind

    func rejection(of cluster: FederatedCluster, in context: SelectionContext) -> String? {
        let types = cluster.status.apiResourceTypes
        guard !types.isEmpty else { return nil }
        if types.contains(where: { $0.group == group && $0.version == version && $0.kind == kind }) { return nil }
        return "does not serve \(group)/\(version) \(kind)"
    }
}
