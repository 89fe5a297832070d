/// Prefers clusters matching the preferred terms of the `kubeadmiral.io/affinity` annotation
/// (KubeAdmiral's `ClusterAffinity` score): the sum of the weights of matching terms, normalized so
/// the best cluster gets 100. Policies have no preferred terms, so without the annotation every
/// cluster scores 0.
struct ClusterAffinityScore: ClusterScorer {
    let name = "ClusterAffinity"

    func score(_ cluster: FederatedCluster, in context: SelectionContext) -> Int64 {
        context.request.affinity.preferred.reduce(0) { total, term in
            term.weight > 0 && term.matches(labels: cluster.labels) ? total &+ term.weight : total
        }
    }

    func normalize(_ scores: [Int64]) -> [Int64] { normalizedToMaximum(scores, reverse: false) }
}
