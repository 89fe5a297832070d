import KubeClient
import KubeObjects
import Placement

/// Auto-migration's view of one member: how many of the workload's pods are scheduled, how many
/// have been unschedulable for the threshold, and when the next one will cross it
/// (kubeadmiral-planner.md §3).
///
/// Pods are listed only when the member object is not fully ready (the fast path), and only those
/// of the Deployment's newest ReplicaSet: pods of an old template are on their way out and say
/// nothing about capacity.
struct MigrationProbe: Sendable {
    let api: KubeAPI

    struct Result: Sendable, Equatable {
        var estimate: ClusterCapacityEstimate
        var nextCrossIn: Duration?
    }

    /// - Parameters:
    ///   - namespace: the copy's (and its host workload's) namespace.
    ///   - selector: the host workload's pod selector, as a label selector. A Deployment's
    ///     selector cannot change after creation, so the copy's is the one it was created with.
    func probe(
        member: MemberCopy, namespace: String, selector: String?, threshold: Duration, now: Timestamp
    ) async throws -> Result {
        let desired = member.replicas ?? 1
        let statusReplicas = member.status?.replicas ?? 0
        let ready = member.status?.readyReplicas ?? 0
        if CapacityEstimation.isFullyReady(statusReplicas: statusReplicas, readyReplicas: ready) {
            let estimate = CapacityEstimation.estimateCapacity(
                desiredReplicas: desired, statusReplicas: statusReplicas, readyReplicas: ready, pods: nil)
            return Result(estimate: estimate, nextCrossIn: nil)
        }
        let pods = try await newestReplicaSetPods(of: member, namespace: namespace, selector: selector)
        let counts = PodSchedulingCounter.countScheduledAndUnschedulablePods(
            pods.map(Self.schedulingState), threshold: threshold, now: now)
        let estimate = CapacityEstimation.estimateCapacity(
            desiredReplicas: desired, statusReplicas: statusReplicas, readyReplicas: ready,
            pods: ListedPodCounts(listed: pods.count, counts: counts))
        return Result(estimate: estimate, nextCrossIn: counts.nextCrossIn)
    }

    /// The pods of the member Deployment's newest ReplicaSet (highest revision it owns).
    private func newestReplicaSetPods(of member: MemberCopy, namespace: String, selector: String?) async throws
        -> [JSONValue]
    {
        guard let selector else { return [] }
        let uid = member.uid.description
        let sets = try await api.list(.replicaSets, namespace: namespace, options: ListOptions(labelSelector: selector))
        let owned = sets.items.filter { set in
            set[path: ["metadata", "ownerReferences"]]?.arrayValue?.contains { $0["uid"]?.stringValue == uid } ?? false
        }
        guard let newest = owned.max(by: { Self.revision($0) < Self.revision($1) }),
            let hash = newest[path: ["metadata", "labels", "pod-template-hash"]]?.stringValue
        else { return [] }
        let pods = try await api.list(
            .pods, namespace: namespace, options: ListOptions(labelSelector: "\(selector),pod-template-hash=\(hash)"))
        return pods.items
    }

    static func revision(_ replicaSet: JSONValue) -> Int {
        Int(replicaSet[path: ["metadata", "annotations", "deployment.kubernetes.io/revision"]]?.stringValue ?? "") ?? 0
    }

    static func selector(_ matchLabels: JSONValue?) -> String? {
        guard let labels = matchLabels?.objectValue, !labels.isEmpty else { return nil }
        return labels.keys.sorted().compactMap { key in labels[key]?.stringValue.map { "\(key)=\($0)" } }
            .joined(separator: ",")
    }

    static func schedulingState(_ pod: JSONValue) -> PodSchedulingState {
        let condition = pod[path: ["status", "conditions"]]?.arrayValue?.first {
            $0["type"]?.stringValue == "PodScheduled"
        }
        let scheduled = condition.flatMap { condition -> PodScheduledCondition? in
            guard let status = condition["status"]?.stringValue else { return nil }
            let since = condition["lastTransitionTime"]?.stringValue.flatMap(Timestamp.init(rfc3339:))
            return PodScheduledCondition(
                status: status, reason: condition["reason"]?.stringValue ?? "",
                message: condition["message"]?.stringValue ?? "",
                lastTransitionTime: since ?? Timestamp(nanosecondsSinceEpoch: 0))
        }
        return PodSchedulingState(
            isTerminating: pod[path: ["metadata", "deletionTimestamp"]] != nil, podScheduled: scheduled)
    }
}
