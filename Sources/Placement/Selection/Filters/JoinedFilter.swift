/// Only joined clusters are considered at all (kubeadmiral-api.md §3.3; `prepareToSchedule`).
/// KubeAdmiral drops the others silently; Flotilla lists them with the reason, so `plan` shows
/// why a cluster that exists gets nothing.
struct JoinedFilter: ClusterFilter {
    let name = "Joined"

    func rejection(of cluster: FederatedCluster, in context: SelectionContext) -> String? {
        guard !cluster.status.isJoined else { return nil }
        return "not joined (\(cluster.status.summary(of: .joined)))"
    }
}
