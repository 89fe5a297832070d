/// Drops clusters whose `Ready` condition is not `True`, unless they already hold the workload, so
/// that a cluster that stops answering keeps its replicas (KubeAdmiral's `ClusterReady` filter,
/// kubeadmiral-api.md §3.3).
struct ClusterReadyFilter: ClusterFilter {
    let name = "ClusterReady"

    func rejection(of cluster: FederatedCluster, in context: SelectionContext) -> String? {
        guard !cluster.status.isReady, !context.holdsWorkload(cluster) else { return nil }
        return "not ready (\(cluster.status.summary(of: .ready)))"
    }
}
