/// The outcome of cluster selection for one workload: the clusters it may go to, best first, and
/// every other cluster with the reason it was left out (kubeadmiral-planner.md §4).
public struct ClusterSelection: Sendable, Equatable {
    /// In the order the planners use: score (or priority) descending, then name.
    public var selected: [SelectedCluster]
    /// Clusters that a filter or the MaxCluster step left out, clusters in name order first, then
    /// those cut by MaxCluster in selection order.
    public var excluded: [ClusterExclusion]

    public init(selected: [SelectedCluster] = [], excluded: [ClusterExclusion] = []) {
        self.selected = selected
        self.excluded = excluded
    }

    public var selectedNames: [String] { selected.map(\.name) }
}

/// A cluster that passed every filter and survived MaxCluster.
public struct SelectedCluster: Sendable, Equatable {
    public var cluster: FederatedCluster
    /// The sum of the score plugins' (normalized) scores.
    public var score: Int64
    /// Each score plugin's contribution, by plugin name, for explain output.
    public var pluginScores: [String: Int64]
    /// `placement[].preferences.priority`, 0 when not given.
    public var priority: Int64
    /// The cluster has a `NoSchedule` taint the workload does not tolerate. It passed the filter
    /// only because it already holds the workload; the planners cap it at its current replicas, so
    /// it can shrink but never grow (kubeadmiral-planner.md §0, `MaxReplicas[c]`).
    public var hasUntoleratedNoScheduleTaint: Bool

    public init(
        cluster: FederatedCluster, score: Int64 = 0, pluginScores: [String: Int64] = [:], priority: Int64 = 0,
        hasUntoleratedNoScheduleTaint: Bool = false
    ) {
        self.cluster = cluster
        self.score = score
        self.pluginScores = pluginScores
        self.priority = priority
        self.hasUntoleratedNoScheduleTaint = hasUntoleratedNoScheduleTaint
    }

    public var name: String { cluster.name }
}

/// A cluster left out, the step that left it out, and why, in words a user can act on.
public struct ClusterExclusion: Sendable, Hashable, CustomStringConvertible {
    public var cluster: String
    /// The filter or select step, by KubeAdmiral's plugin name where there is one (`TaintToleration`).
    public var plugin: String
    /// Why, such as `untolerated taint gpu=busy:NoSchedule` or `cut by maxClusters=2`.
    public var reason: String

    public init(cluster: String, plugin: String, reason: String) {
        self.cluster = cluster
        self.plugin = plugin
        self.reason = reason
    }

    /// `untolerated taint gpu=busy:NoSchedule (TaintToleration)`.
    public var description: String { "\(reason) (\(plugin))" }
}
