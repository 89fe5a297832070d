/// Chooses the clusters a workload may go to: filters, then scores, then select steps, in
/// KubeAdmiral's default plugin order (kubeadmiral-api.md §3.3, `GetDefaultEnabledPlugins`;
/// kubeadmiral-planner.md §0 step 3 and §4), plus Flotilla's `Joined` and `GPU` filters.
///
/// Pure: the same request, clusters and `now` always give the same selection. Clusters are taken
/// in name order, so the order they were read in never matters.
///
/// Not done here, because they decide whether to select at all: the sticky shortcut
/// (`PlacementRequest.keepsCurrentPlacement`) and `kubeadmiral.io/no-scheduling`
/// (`PlacementRequest.noScheduling`). SchedulingProfiles are not read: every workload gets the
/// default plugins.
public struct ClusterSelectionPipeline: Sendable {
    let filters: [any ClusterFilter]
    let scorers: [any ClusterScorer]
    let selectSteps: [any ClusterSelectStep]

    init(filters: [any ClusterFilter], scorers: [any ClusterScorer], selectSteps: [any ClusterSelectStep]) {
        self.filters = filters
        self.scorers = scorers
        self.selectSteps = selectSteps
    }

    /// KubeAdmiral's default profile, with `Joined` first and the GPU filter last.
    public static let standard = ClusterSelectionPipeline(
        filters: [
            JoinedFilter(), APIResourcesFilter(), TaintTolerationFilter(), PlacementFilter(),
            ClusterAffinityFilter(), ClusterReadyFilter(), ClusterTerminatingFilter(), ClusterEvictedFilter(),
            GPUFilter(),
        ],
        scorers: [TaintTolerationScore(), BalancedAllocationScore(), LeastAllocatedScore(), ClusterAffinityScore()],
        selectSteps: [PrioritySort(), MaxCluster()])

    /// Selects clusters for `request` among `clusters` at time `now` (which only the ClusterEvicted
    /// filter reads). A cluster is reported by the first filter that drops it.
    public func select(for request: PlacementRequest, from clusters: [FederatedCluster], now: Timestamp) -> ClusterSelection {
        let context = SelectionContext(request: request, now: now)
        var feasible: [FederatedCluster] = []
        var excluded: [ClusterExclusion] = []
        for cluster in clusters.sorted(by: { $0.name < $1.name }) {
            if let exclusion = firstRejection(of: cluster, in: context) {
                excluded.append(exclusion)
            } else {
                feasible.append(cluster)
            }
        }

        var candidates = score(feasible, in: context)
        for step in selectSteps {
            let (kept, cut) = step.select(candidates, in: context)
            candidates = kept
            excluded += cut
        }
        return ClusterSelection(selected: candidates, excluded: excluded)
    }

    private func firstRejection(of cluster: FederatedCluster, in context: SelectionContext) -> ClusterExclusion? {
        for filter in filters {
            if let reason = filter.rejection(of: cluster, in: context) {
                return ClusterExclusion(cluster: cluster.name, plugin: filter.name, reason: reason)
            }
        }
        return nil
    }

    /// Runs every scorer over all feasible clusters (normalization needs them all), sums the
    /// results, and attaches what the select steps and planners need.
    private func score(_ clusters: [FederatedCluster], in context: SelectionContext) -> [SelectedCluster] {
        let priorities = context.request.priorities
        let tolerations = context.request.tolerations
        var selected = clusters.map { cluster in
            SelectedCluster(
                cluster: cluster, priority: priorities[cluster.name] ?? 0,
                hasUntoleratedNoScheduleTaint: tolerations.firstUntolerated(cluster.spec.taints, effects: [.noSchedule]) != nil)
        }
        for scorer in scorers {
            let scores = scorer.normalize(clusters.map { scorer.score($0, in: context) })
            for index in selected.indices {
                selected[index].pluginScores[scorer.name] = scores[index]
                selected[index].score &+= scores[index]
            }
        }
        return selected
    }
}
