/// The three kinds of step cluster selection is built from, after KubeAdmiral's scheduler
/// framework (`framework/interface.go`; kubeadmiral-planner.md §0, step 3): filters drop clusters,
/// scorers rank the rest, select steps order and cut. Each plugin is a small value in its own file.

/// What every step sees: the request, and the time (a value, never read from a clock).
struct SelectionContext: Sendable {
    let request: PlacementRequest
    let now: Timestamp

    /// The cluster is in the current placement, which relaxes the taint, Ready and GPU filters.
    func holdsWorkload(_ cluster: FederatedCluster) -> Bool {
        request.currentPlacement.holds(cluster.name)
    }
}

/// Keeps or drops one cluster.
protocol ClusterFilter: Sendable {
    var name: String { get }
    /// `nil` keeps the cluster; otherwise the reason it is dropped.
    func rejection(of cluster: FederatedCluster, in context: SelectionContext) -> String?
}

/// Scores one cluster; scores of all plugins are summed.
protocol ClusterScorer: Sendable {
    var name: String { get }
    func score(_ cluster: FederatedCluster, in context: SelectionContext) -> Int64
    /// Rescales the raw scores of all feasible clusters (same order); the default keeps them.
    func normalize(_ scores: [Int64]) -> [Int64]
}

extension ClusterScorer {
    func normalize(_ scores: [Int64]) -> [Int64] { scores }
}

/// Orders or cuts the scored clusters.
protocol ClusterSelectStep: Sendable {
    var name: String { get }
    func select(_ candidates: [SelectedCluster], in context: SelectionContext) -> (kept: [SelectedCluster], cut: [ClusterExclusion])
}

/// KubeAdmiral's `DefaultNormalizeScore`: scales scores so the largest becomes 100 (integer
/// division), and with `reverse` subtracts the result from 100. All zeros stay 0, or become 100
/// when reversed.
func normalizedToMaximum(_ scores: [Int64], reverse: Bool) -> [Int64] {
    let maximum = scores.reduce(0, max)
    guard maximum > 0 else { return scores.map { reverse ? maxClusterScore : $0 } }
    return scores.map { score in
        let scaled = maximum.dividingFullWidth(maxClusterScore.multipliedFullWidth(by: score)).quotient
        return reverse ? maxClusterScore - scaled : scaled
    }
}

/// The highest score one plugin gives (KubeAdmiral's `MaxClusterScore`).
let maxClusterScore: Int64 = 100
