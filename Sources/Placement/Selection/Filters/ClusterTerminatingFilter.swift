/// Drops clusters being deleted (KubeAdmiral's `ClusterTerminating` filter), even those that hold
/// the workload: their replicas must move before the cluster goes.
struct ClusterTerminatingFilter: ClusterFilter {
    let name = "ClusterTerminating"

    func rejection(of cluster: FederatedCluster, in context: SelectionContext) -> String? {
        guard let deletion = cluster.metadata.deletionTimestamp else { return nil }
        return "terminating since \(deletion)"
    }
}
