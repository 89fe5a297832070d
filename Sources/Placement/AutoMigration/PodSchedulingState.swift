/// A pod's `PodScheduled` condition (`status.conditions[type=PodScheduled]`), the only condition
/// auto-migration looks at (kubeadmiral-planner.md §3).
public struct PodScheduledCondition: Sendable, Hashable {
    /// `"True"`, `"False"` or `"Unknown"`.
    public var status: String
    /// `"Unschedulable"` when the scheduler found no node.
    public var reason: String
    public var message: String
    public var lastTransitionTime: Timestamp
    public var lastProbeTime: Timestamp?

    public static let statusTrue = "True"
    public static let statusFalse = "False"
    public static let reasonUnschedulable = "Unschedulable"

    public init(
        status: String, reason: String = "", message: String = "", lastTransitionTime: Timestamp,
        lastProbeTime: Timestamp? = nil
    ) {
        self.status = status
        self.reason = reason
        self.message = message
        self.lastTransitionTime = lastTransitionTime
        self.lastProbeTime = lastProbeTime
    }

    /// Unschedulable in the sense of §3: `status=False` and `reason=Unschedulable`.
    public var isUnschedulable: Bool { status == Self.statusFalse && reason == Self.reasonUnschedulable }
}

/// The part of a pod that auto-migration's counting reads (§3).
public struct PodSchedulingState: Sendable, Hashable {
    /// A deletion timestamp is set; terminating pods are ignored.
    public var isTerminating: Bool
    /// `nil` when the pod has no `PodScheduled` condition yet.
    public var podScheduled: PodScheduledCondition?

    public init(isTerminating: Bool = false, podScheduled: PodScheduledCondition?) {
        self.isTerminating = isTerminating
        self.podScheduled = podScheduled
    }
}

/// The counts of one member cluster's pods (§3), and when to look again.
public struct PodSchedulingCounts: Sendable, Hashable {
    /// Pods with `PodScheduled=True`.
    public var scheduled: Int64
    /// Pods unschedulable for at least the threshold.
    public var unschedulable: Int64
    /// Time until the earliest still-pending unschedulable pod crosses the threshold: the reconcile's
    /// `RequeueAfter`. `nil` when no pod is waiting to cross.
    public var nextCrossIn: Duration?

    public init(scheduled: Int64, unschedulable: Int64, nextCrossIn: Duration?) {
        self.scheduled = scheduled
        self.unschedulable = unschedulable
        self.nextCrossIn = nextCrossIn
    }
}

public enum PodSchedulingCounter {
    /// `countScheduledAndUnschedulablePods` (§3): terminating pods are skipped; a pod counts as
    /// unschedulable once `now − lastTransitionTime ≥ threshold`; pods not there yet give the earliest
    /// crossing as `nextCrossIn`.
    public static func countScheduledAndUnschedulablePods(
        _ pods: [PodSchedulingState], threshold: Duration, now: Timestamp
    ) -> PodSchedulingCounts {
        var counts = PodSchedulingCounts(scheduled: 0, unschedulable: 0, nextCrossIn: nil)
        for pod in pods where !pod.isTerminating {
            guard let condition = pod.podScheduled else { continue }
            if condition.status == PodScheduledCondition.statusTrue {
                counts.scheduled += 1
                continue
            }
            guard condition.isUnschedulable else { continue }
            let crossesIn = (condition.lastTransitionTime + threshold) - now
            if crossesIn <= .zero {
                counts.unschedulable += 1
            } else if counts.nextCrossIn == nil || crossesIn < counts.nextCrossIn! {
                counts.nextCrossIn = crossesIn
            }
        }
        return counts
    }

    /// `podScheduledConditionChanged`: whether a pod update changed its `PodScheduled` condition, which is
    /// what re-triggers auto-migration (§3). Appearing or disappearing counts as a change; otherwise any
    /// field — status, reason, message, transition or probe time — differing does.
    public static func podScheduledConditionChanged(
        old: PodScheduledCondition?, new: PodScheduledCondition?
    ) -> Bool {
        old != new
    }
}
