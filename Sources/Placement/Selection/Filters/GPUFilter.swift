/// Flotilla's own filter: a workload that requests `nvidia.com/gpu` is never placed on a cluster
/// whose `status.resources.allocatable` has no GPUs (absent or 0). KubeAdmiral has no such filter
/// by default (`ClusterResourcesFit` is off), so its Spread planner can hand replicas to a
/// GPU-less cluster whose static weight says so; those pods could never run.
///
/// Like the Ready filter, it applies to new clusters only: a cluster that already holds the
/// workload keeps it, because an allocatable of 0 is also what a cluster reports while its GPU
/// nodes are briefly NotReady, and evicting on that would move replicas back and forth.
struct GPUFilter: ClusterFilter {
    let name = "GPU"

    func rejection(of cluster: FederatedCluster, in context: SelectionContext) -> String? {
        guard context.request.requestsGPU, !context.holdsWorkload(cluster) else { return nil }
        guard (cluster.status.resources.allocatable.value(of: ResourceName.gpu) ?? 0) <= 0 else { return nil }
        return "no \(ResourceName.gpu) in allocatable"
    }
}
