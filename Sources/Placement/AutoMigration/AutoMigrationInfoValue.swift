/// The `kubeadmiral.io/auto-migration-info` annotation, written by the auto-migration controller
/// (kubeadmiral-planner.md §3): `{"estimatedCapacity":{…},"scheduledReplicas":{…}}`.
///
/// Kept raw, as written: the planners decide which entries count (Spread uses only capacities ≥ 0, §0).
/// Reading and writing the annotation are in `AutoMigrationInfo+Annotation.swift`.
public struct AutoMigrationInfo: Sendable, Hashable {
    /// Cluster → how many replicas it can run, for clusters that cannot run all they were given.
    public var estimatedCapacity: [String: Int64]
    /// Cluster → how many replicas are scheduled (have `PodScheduled=True`) there.
    public var scheduledReplicas: [String: Int64]

    public init(estimatedCapacity: [String: Int64] = [:], scheduledReplicas: [String: Int64] = [:]) {
        self.estimatedCapacity = estimatedCapacity
        self.scheduledReplicas = scheduledReplicas
    }
}
