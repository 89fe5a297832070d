/// Whether a workload is placed again, from its stored and current triggers and its policy's
/// `reschedulePolicy` (kubeadmiral-planner.md §5, `computeSchedulingAnnotations`).
public enum ReschedulingDecision: Sendable, Hashable, CustomStringConvertible {
    /// Run cluster selection and division; store the new triggers.
    case reschedule(reason: String)
    /// Something changed, but the policy says not to act on it: keep the current placement, do
    /// not store the triggers (so the same difference is weighed again next time), and record why.
    case deferred(reasons: [String])
    /// Nothing that moves the workload changed: keep the current placement.
    case unchanged

    public var description: String {
        switch self {
        case .reschedule(let reason): return reason
        case .deferred(let reasons): return "deferred: \(reasons.joined(separator: "; "))"
        case .unchanged: return "unchanged"
        }
    }

    public var reschedules: Bool {
        if case .reschedule = self { return true }
        return false
    }

    /// The decision for `current` given what was stored at the last scheduling.
    public static func decide(
        previous: SchedulingTriggers?, current: SchedulingTriggers, policy: ReschedulePolicy
    ) -> ReschedulingDecision {
        guard let previous else { return .reschedule(reason: "first scheduling") }
        if let stable = stableChange(previous, current) { return .reschedule(reason: stable) }
        guard previous != current else { return .unchanged }
        if policy.disableRescheduling { return .deferred(reasons: ["disableRescheduling:true"]) }
        guard let when = policy.rescheduleWhen else { return .deferred(reasons: ["rescheduleWhen:nil"]) }

        var triggered: [String] = []
        var deferred: [String] = []
        func weigh(_ name: String, changed: Bool, enabled: Bool) {
            guard changed else { return }
            if enabled { triggered.append(name) } else { deferred.append("\(name):false") }
        }
        weigh(
            "clusterTaintsChanged", changed: changedOrRemoved(previous.clusterTaintsHashes, current.clusterTaintsHashes),
            enabled: true)
        weigh("policyContentChanged", changed: previous.policyContentHash != current.policyContentHash,
              enabled: when.policyContentChanged)
        weigh(
            "clusterLabelsChanged",
            changed: changedOrRemoved(previous.clusterLabelsHashes, current.clusterLabelsHashes),
            enabled: when.clusterLabelsChanged)
        weigh(
            "clusterAPIResourcesChanged",
            changed: changedOrRemoved(previous.clusterAPIResourceTypesHashes, current.clusterAPIResourceTypesHashes),
            enabled: when.clusterAPIResourcesChanged)
        let joined = Set(current.clusters).isStrictSuperset(of: Set(previous.clusters))
        weigh("clusterJoined", changed: joined, enabled: when.clusterJoined)

        if !triggered.isEmpty { return .reschedule(reason: triggered.joined(separator: ", ")) }
        return deferred.isEmpty ? .unchanged : .deferred(reasons: deferred)
    }

    /// The stable triggers always reschedule, whatever the policy says.
    static func stableChange(_ previous: SchedulingTriggers, _ current: SchedulingTriggers) -> String? {
        if previous.schedulingAnnotationsHash != current.schedulingAnnotationsHash { return "scheduling annotations changed" }
        if previous.replicaCount != current.replicaCount {
            return "replicas changed from \(previous.replicaCount) to \(current.replicaCount)"
        }
        if previous.resourceRequest != current.resourceRequest { return "resource request changed" }
        if previous.policyName != current.policyName { return "policy changed to \(current.policyName)" }
        if previous.autoMigrationInfo != current.autoMigrationInfo { return "auto-migration info changed" }
        return nil
    }

    /// A cluster's value changed, or a cluster disappeared; additions are not changes.
    static func changedOrRemoved(_ old: [String: String], _ new: [String: String]) -> Bool {
        old.contains { cluster, value in new[cluster] != value }
    }
}
