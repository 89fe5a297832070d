/// Drops clusters with a taint the workload does not tolerate (KubeAdmiral's `TaintToleration`
/// filter, kubeadmiral-api.md §3.1 `tolerations`): `NoSchedule` or `NoExecute` for a cluster that
/// does not hold the workload yet, only `NoExecute` for one that does. An untolerated `NoSchedule`
/// on a held cluster is reported on the selected cluster instead, for the planners' cap.
struct TaintTolerationFilter: ClusterFilter {
    let name = "TaintToleration"

    func rejection(of cluster: FederatedCluster, in context: SelectionContext) -> String? {
        let effects: Set<Taint.Effect> = context.holdsWorkload(cluster) ? [.noExecute] : [.noSchedule, .noExecute]
        guard let taint = context.request.tolerations.firstUntolerated(cluster.spec.taints, effects: effects) else {
            return nil
        }
        return "untolerated taint \(taint)"
    }
}
