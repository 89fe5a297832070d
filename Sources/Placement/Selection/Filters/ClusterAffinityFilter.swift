/// `clusterSelector` AND the required `clusterAffinity` terms (KubeAdmiral's `ClusterAffinity`
/// filter, kubeadmiral-api.md §3.1 and §3.3): every selector pair must be a label of the cluster,
/// and at least one required term must match its labels and name.
struct ClusterAffinityFilter: ClusterFilter {
    let name = "ClusterAffinity"

    func rejection(of cluster: FederatedCluster, in context: SelectionContext) -> String? {
        let selector = context.request.clusterSelector
        if !selector.selects(labels: cluster.labels) {
            let pairs = selector.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            return "labels do not match clusterSelector \(pairs.joined(separator: ","))"
        }
        if !context.request.affinity.requiredTermsMatch(clusterName: cluster.name, labels: cluster.labels) {
            return "matches no required clusterAffinity term"
        }
        return nil
    }
}
