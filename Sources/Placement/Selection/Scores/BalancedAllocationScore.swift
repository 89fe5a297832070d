/// Prefers clusters whose CPU and memory would be used in the same proportion after adding one pod
/// (KubeAdmiral's `ClusterResourcesBalancedAllocation`, kube-scheduler's formula):
/// `(1 − |cpuFraction − memoryFraction|) × 100`, truncated; 0 when either is fully used.
struct BalancedAllocationScore: ClusterScorer {
    let name = "ClusterResourcesBalancedAllocation"

    func score(_ cluster: FederatedCluster, in context: SelectionContext) -> Int64 {
        let request = context.request.resourceRequest
        let cpu = ClusterResourceUsage.cpu(of: cluster, adding: request).usedFraction
        let memory = ClusterResourceUsage.memory(of: cluster, adding: request).usedFraction
        guard cpu < 1, memory < 1 else { return 0 }
        return Int64((1 - abs(cpu - memory)) * Double(maxClusterScore))
    }
}
