/// Prefers clusters with fewer untolerated `PreferNoSchedule` taints (KubeAdmiral's
/// `TaintToleration` score, kubeadmiral-api.md §3.1 `tolerations`). The raw score is the count of
/// such taints, counting only tolerations with no effect or `PreferNoSchedule`; normalization
/// reverses it, so the cluster with the fewest gets 100.
struct TaintTolerationScore: ClusterScorer {
    let name = "TaintToleration"

    func score(_ cluster: FederatedCluster, in context: SelectionContext) -> Int64 {
        let tolerations = context.request.tolerations.filter { $0.effect == nil || $0.effect == .preferNoSchedule }
        let untolerated = cluster.spec.taints.filter { taint in
            taint.effect == .preferNoSchedule && !tolerations.contains { $0.tolerates(taint) }
        }
        return Int64(untolerated.count)
    }

    func normalize(_ scores: [Int64]) -> [Int64] { normalizedToMaximum(scores, reverse: true) }
}
