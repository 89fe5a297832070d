/// Keeps the first `maxClusters` clusters of the sorted list (KubeAdmiral's `MaxCluster`,
/// kubeadmiral-api.md §3.1 `maxClusters`). A negative limit makes the workload unschedulable, as in
/// KubeAdmiral ("max cluster is less than 0"): every cluster is cut, with that reason.
struct MaxCluster: ClusterSelectStep {
    let name = "MaxCluster"

    func select(_ candidates: [SelectedCluster], in context: SelectionContext) -> (kept: [SelectedCluster], cut: [ClusterExclusion]) {
        guard let limit = context.request.maxClusters else { return (candidates, []) }
        guard limit >= 0 else {
            let reason = "maxClusters is \(limit): a negative limit makes the workload unschedulable"
            return ([], candidates.map { ClusterExclusion(cluster: $0.name, plugin: name, reason: reason) })
        }
        let keep = Int(min(limit, Int64(candidates.count)))
        let cut = candidates[keep...].map {
            ClusterExclusion(cluster: $0.name, plugin: name, reason: "cut by maxClusters=\(limit)")
        }
        return (Array(candidates[..<keep]), cut)
    }
}
