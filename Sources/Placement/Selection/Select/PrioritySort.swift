/// Orders the feasible clusters (KubeAdmiral's `PrioritySort`, kubeadmiral-api.md §3.1 `priority`):
/// by `placement[].preferences.priority` descending if any placement has a priority, or if the mode
/// is Divide with Binpack (missing priorities count as 0); otherwise by score descending. Ties go
/// to the name, ascending. The sort is stable and total, where KubeAdmiral's is not (it only
/// matters for ties with equal names, which cannot happen).
struct PrioritySort: ClusterSelectStep {
    let name = "PrioritySort"

    static func ordersByPriority(_ request: PlacementRequest) -> Bool {
        !request.priorities.isEmpty || (request.schedulingMode == .divide && request.replicasStrategy == .binpack)
    }

    func select(_ candidates: [SelectedCluster], in context: SelectionContext) -> (kept: [SelectedCluster], cut: [ClusterExclusion]) {
        let byPriority = Self.ordersByPriority(context.request)
        let sorted = candidates.sorted { a, b in
            let (keyA, keyB) = byPriority ? (a.priority, b.priority) : (a.score, b.score)
            return keyA != keyB ? keyA > keyB : a.name < b.name
        }
        return (sorted, [])
    }
}
