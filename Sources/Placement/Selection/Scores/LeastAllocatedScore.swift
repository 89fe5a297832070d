/// Prefers clusters with more free CPU and memory after adding one pod (KubeAdmiral's
/// `ClusterResourcesLeastAllocated`, kube-scheduler's least-allocated formula): the mean of
/// `(allocatable − requested) × 100 / allocatable` over CPU and memory, weight 1 each, rounded down.
struct LeastAllocatedScore: ClusterScorer {
    let name = "ClusterResourcesLeastAllocated"

    func score(_ cluster: FederatedCluster, in context: SelectionContext) -> Int64 {
        let request = context.request.resourceRequest
        let cpu = ClusterResourceUsage.cpu(of: cluster, adding: request).freeScore
        let memory = ClusterResourceUsage.memory(of: cluster, adding: request).freeScore
        return (cpu + memory) / 2
    }
}
