/// Drops clusters the workload is evicted from by `kubeadmiral.io/migration-configuration`
/// `workloadMigrations`, while `now` is before `validUntil` (KubeAdmiral's `ClusterEvicted` filter,
/// kubeadmiral-planner.md §3, "Custom migration").
struct ClusterEvictedFilter: ClusterFilter {
    let name = "ClusterEvicted"

    func rejection(of cluster: FederatedCluster, in context: SelectionContext) -> String? {
        guard let until = context.request.migrationConfiguration.evictedUntil(cluster.name, now: context.now) else {
            return nil
        }
        return "evicted until \(until) by \(SchedulingAnnotation.migrationConfiguration)"
    }
}
