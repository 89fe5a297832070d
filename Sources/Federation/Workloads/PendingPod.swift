import KubeClient
import KubeObjects
import Placement

/// A member pod that is waiting to be scheduled, as auto-migration's pod watch caches it: which
/// workload it belongs to and whether the member's scheduler has given up on it for now.
///
/// Why a watch of pending pods only: auto-migration must hear at once when a pod becomes
/// unschedulable or gets scheduled after all (KubeAdmiral's controller is triggered by those
/// PodScheduled changes), but caching every pod of every member would cost the controller more
/// than all its other caches together. Pods leave the watch (`status.phase=Pending`, filtered by
/// the API server) once they run, so a healthy member holds next to nothing here. The counts
/// themselves come from listing the newest ReplicaSet's pods when a reconcile needs them
/// (`MigrationProbe`).
public struct PendingPod: CachedObject, Hashable {
    /// The Deployment (same namespace) whose ReplicaSet owns the pod.
    public var workload: String
    public var resourceVersion: String
    /// `PodScheduled=False` with reason `Unschedulable`.
    public var isUnschedulable: Bool

    /// The API server's filter for the watch.
    static let fieldSelector = "status.phase=Pending"

    /// `nil` for a pod no Deployment owns (through a ReplicaSet named `<deployment>-<pod-template-hash>`,
    /// as the Deployment controller names them): it is none of auto-migration's business.
    public init?(cachedFrom object: JSONValue) {
        guard let metadata = object["metadata"],
            let owner = metadata["ownerReferences"]?.arrayValue?.first(where: {
                $0["controller"]?.boolValue == true && $0["kind"]?.stringValue == "ReplicaSet"
            })?["name"]?.stringValue,
            let hash = metadata["labels"]?["pod-template-hash"]?.stringValue, !hash.isEmpty,
            owner.hasSuffix("-" + hash), owner.count > hash.count + 1
        else { return nil }
        workload = String(owner.dropLast(hash.count + 1))
        resourceVersion = metadata["resourceVersion"]?.stringValue ?? ""
        let scheduled = object[path: ["status", "conditions"]]?.arrayValue?.first {
            $0["type"]?.stringValue == "PodScheduled"
        }
        isUnschedulable =
            scheduled?["status"]?.stringValue == "False" && scheduled?["reason"]?.stringValue == "Unschedulable"
    }

    public var cachedResourceVersion: String? { resourceVersion }
    public var indexedLabels: [(String, String)] { [] }

    /// The host workload this pod's change concerns: same namespace, the owning Deployment's name.
    func workloadKey(podKey: ObjectKey) -> ObjectKey {
        ObjectKey(
            resource: KubeClient.APIResource.deployments.groupResource, namespace: podKey.namespace, name: workload)
    }
}
