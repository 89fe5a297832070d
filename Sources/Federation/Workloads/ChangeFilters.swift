import KubeClient
import KubeObjects
import Placement

/// Which informer changes are worth a reconcile. Dropping the rest is what keeps a large
/// federation cheap: the controller's own writes (status, its annotations, its finalizer) come
/// back as watch events, and member clusters' status heartbeats arrive all the time.
///
/// Dropping an event never loses work: the reconcile is level-based and re-reads everything, and
/// the events kept are exactly those that change its inputs.
enum ChangeFilters {
    /// Annotations Flotilla writes on host workloads that no reconcile reads back. The others it
    /// writes (`flotilla.io/placement`, the scheduling triggers, the auto-migration info) are the
    /// next decision's inputs: their echo must queue the workload once more, or a reconcile that
    /// ran on the cache's older copy would be the last word.
    static let outputOnlyAnnotations = [WorkloadStatus.breakdownAnnotation, SchedulingTriggers.deferredReasonsAnnotation]

    /// A host workload change matters unless it touched only its status, the output-only
    /// annotations, or Flotilla's finalizer. Compared by digest (`CachedWorkload.inputsDigest`),
    /// made once when the version arrived.
    static func workloadChangeMatters(_ change: TypedStoreChange<CachedWorkload>) -> Bool {
        guard case .updated(_, let old, let new) = change else { return true }
        return old.inputsDigest != new.inputsDigest
    }

    static func workloadInputs(_ object: JSONValue) -> JSONValue {
        var inputs = object
        inputs["status"] = nil
        if var metadata = inputs["metadata"]?.objectValue {
            for field in ["resourceVersion", "managedFields", "generation"] { metadata[field] = nil }
            if var annotations = metadata["annotations"]?.objectValue {
                for key in outputOnlyAnnotations { annotations[key] = nil }
                metadata["annotations"] = annotations.isEmpty ? nil : .object(annotations)
            }
            let finalizers = (metadata["finalizers"]?.arrayValue ?? []).filter {
                $0.stringValue != WorkloadReconciler.finalizer
            }
            metadata["finalizers"] = finalizers.isEmpty ? nil : .array(finalizers)
            inputs["metadata"] = .object(metadata)
        }
        return inputs
    }

    /// A FederatedCluster change matters when something placement reads changed: its labels,
    /// taints, Joined/Ready/Offline status, API resources, or whether it has GPUs at all. Resource
    /// figures moving (a heartbeat) do not reschedule anything (kubeadmiral-planner.md §5), so they
    /// need no reconcile of every workload.
    static func clusterChangeMatters(_ change: StoreChange) -> Bool {
        guard case .updated(_, let old, let new) = change else { return true }
        return clusterInputs(old) != clusterInputs(new)
    }

    static func clusterInputs(_ object: JSONValue) -> JSONValue {
        let conditions = (object[path: ["status", "conditions"]]?.arrayValue ?? []).map { condition -> JSONValue in
            ["type": condition["type"] ?? .null, "status": condition["status"] ?? .null]
        }
        let gpus = object[path: ["status", "resources", "allocatable", ResourceName.gpu]]?.stringValue ?? "0"
        return [
            "labels": object[path: ["metadata", "labels"]] ?? .null,
            "spec": object["spec"] ?? .null,
            "conditions": .array(conditions),
            "apiResourceTypes": object[path: ["status", "apiResourceTypes"]] ?? .null,
            "hasGPUs": .bool(gpus != "0" && !gpus.isEmpty),
            "deleting": .bool(object[path: ["metadata", "deletionTimestamp"]] != nil),
        ]
    }

    /// A member copy's change matters when it appeared or was deleted, its status moved (to
    /// aggregate), or someone other than Flotilla changed it (to repair). The echo of Flotilla's
    /// own update (a new desired hash, same status) does not. The echo of a create is kept: the
    /// new object is an input of auto-migration's estimate, so the workload must be looked at once
    /// more before it is at rest (a restart would otherwise find work to do).
    static func memberChangeMatters(_ change: TypedStoreChange<MemberCopy>) -> Bool {
        switch change {
        case .added, .deleted:
            return true
        case .updated(_, let old, let new):
            if old.status != new.status { return true }
            if old.desiredHash != new.desiredHash { return false }
            return old.contentDigest != new.contentDigest
        }
    }

    /// The workload whose auto-migration estimate a pending pod's change can move: a pod that
    /// became unschedulable, or stopped being so (scheduled, or gone). Pods that are scheduled
    /// straight away, the usual case, queue nothing: the Deployment's own status covers them.
    static func workloadOfPendingPodChange(_ change: TypedStoreChange<PendingPod>) -> ObjectKey? {
        switch change {
        case .added(let key, let pod), .deleted(let key, let pod):
            return pod.isUnschedulable ? pod.workloadKey(podKey: key) : nil
        case .updated(let key, let old, let new):
            return old.isUnschedulable != new.isUnschedulable ? new.workloadKey(podKey: key) : nil
        }
    }
}
