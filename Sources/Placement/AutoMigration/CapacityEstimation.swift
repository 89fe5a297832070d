/// Auto-migration's per-cluster capacity estimate, `estimateCapacity` (kubeadmiral-planner.md §3).
public enum CapacityEstimation {
    /// The fast path's test: when `status.replicas == status.readyReplicas` every replica runs, so the
    /// controller does not list pods at all.
    public static func isFullyReady(statusReplicas: Int64, readyReplicas: Int64) -> Bool {
        statusReplicas == readyReplicas
    }

    /// Estimates one member cluster (§3).
    ///
    /// - `desiredReplicas`: the member object's `spec.replicas`.
    /// - `pods`: the newest ReplicaSet's pods as counted by
    ///   `PodSchedulingCounter.countScheduledAndUnschedulablePods`, with `listed` the number of pods listed.
    ///   Ignored on the fast path, where `nil` is fine; `nil` otherwise reads as "no pods listed".
    ///
    /// Pods not yet created count as schedulable. No capacity entry is written when the estimate reaches
    /// `desiredReplicas`, so the scheduler is not woken for nothing; a written estimate is clamped at 0.
    public static func estimateCapacity(
        desiredReplicas: Int64, statusReplicas: Int64, readyReplicas: Int64, pods: ListedPodCounts?
    ) -> ClusterCapacityEstimate {
        if isFullyReady(statusReplicas: statusReplicas, readyReplicas: readyReplicas) {
            return ClusterCapacityEstimate(estimatedCapacity: nil, scheduledReplicas: statusReplicas)
        }
        let pods = pods ?? ListedPodCounts(listed: 0, scheduled: 0, unschedulable: 0)
        let capacity = pods.listed >= desiredReplicas
            ? pods.listed - pods.unschedulable
            : desiredReplicas - pods.unschedulable
        return ClusterCapacityEstimate(
            estimatedCapacity: capacity >= desiredReplicas ? nil : max(capacity, 0),
            scheduledReplicas: pods.scheduled)
    }
}

/// The pod counts `CapacityEstimation.estimateCapacity` needs for one cluster.
public struct ListedPodCounts: Sendable, Hashable {
    /// How many pods were listed (`len(pods)`).
    public var listed: Int64
    /// Pods with `PodScheduled=True`.
    public var scheduled: Int64
    /// Pods unschedulable for at least the threshold.
    public var unschedulable: Int64

    public init(listed: Int64, scheduled: Int64, unschedulable: Int64) {
        self.listed = listed
        self.scheduled = scheduled
        self.unschedulable = unschedulable
    }

    /// From a list of pods and their counts.
    public init(listed: Int, counts: PodSchedulingCounts) {
        self.init(listed: Int64(listed), scheduled: counts.scheduled, unschedulable: counts.unschedulable)
    }
}

/// One cluster's contribution to `AutoMigrationInfo`.
public struct ClusterCapacityEstimate: Sendable, Hashable {
    /// `nil`: no entry (the cluster can run what it is asked to).
    public var estimatedCapacity: Int64?
    public var scheduledReplicas: Int64

    public init(estimatedCapacity: Int64?, scheduledReplicas: Int64) {
        self.estimatedCapacity = estimatedCapacity
        self.scheduledReplicas = scheduledReplicas
    }
}
