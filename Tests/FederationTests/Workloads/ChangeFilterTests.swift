import KubeClient
import KubeObjects
import Placement
import Testing

@testable import Federation

/// Which informer events reach the work queue.
@Suite("Change filters")
struct ChangeFilterTests {
    static let key = ObjectKey(namespace: "default", name: "web")

    static let workload: JSONValue = [
        "metadata": ["name": "web", "namespace": "default", "resourceVersion": "1", "labels": ["app": "web"]],
        "spec": ["replicas": 3],
    ]

    static func updated(_ old: JSONValue, _ change: (inout JSONValue) -> Void) -> StoreChange {
        var new = old
        change(&new)
        return .updated(key, old: old, new: new)
    }

    /// The same change between the cached records of the workload's two versions.
    static func updatedWorkload(_ change: (inout JSONValue) -> Void) -> TypedStoreChange<CachedWorkload> {
        var new = workload
        change(&new)
        return .updated(key, old: CachedWorkload(cachedFrom: workload)!, new: CachedWorkload(cachedFrom: new)!)
    }

    @Test("the controller's own writes to a workload do not queue it again; a user's edits do")
    func workloadEcho() {
        let own = Self.updatedWorkload {
            $0["status"] = ["replicas": 3]
            $0["metadata"]?["resourceVersion"] = "2"
            $0["metadata"]?["annotations"] = [.init(WorkloadStatus.breakdownAnnotation): "{\"a\":null}"]
            $0["metadata"]?["finalizers"] = [.string(WorkloadReconciler.finalizer)]
        }
        #expect(!ChangeFilters.workloadChangeMatters(own))
        #expect(ChangeFilters.workloadChangeMatters(Self.updatedWorkload { $0["spec"]?["replicas"] = 5 }))
        #expect(ChangeFilters.workloadChangeMatters(Self.updatedWorkload {
            $0["metadata"]?["annotations"] = [.init(SchedulingAnnotation.placement): "{\"a\":3}"]
        }), "the placement is the next decision's input")
        #expect(ChangeFilters.workloadChangeMatters(Self.updatedWorkload {
            $0["metadata"]?["labels"]?[PolicyLabel.propagationPolicy] = "pp"
        }))
        #expect(ChangeFilters.workloadChangeMatters(Self.updatedWorkload {
            $0["metadata"]?["deletionTimestamp"] = "2026-01-01T00:00:00Z"
        }))
        #expect(ChangeFilters.workloadChangeMatters(.added(Self.key, CachedWorkload(cachedFrom: Self.workload)!)))
    }

    static let cluster: JSONValue = [
        "metadata": ["name": "a", "labels": ["region": "x"]],
        "spec": ["apiEndpoint": "https://a"],
        "status": [
            "conditions": [["type": "Ready", "status": "True", "lastProbeTime": "2026-01-01T00:00:00Z"]],
            "resources": ["allocatable": ["nvidia.com/gpu": "4"], "available": ["nvidia.com/gpu": "4"]],
        ],
    ]

    @Test("a cluster's heartbeat does not queue every workload; what placement reads does")
    func clusterHeartbeat() {
        let heartbeat = Self.updated(Self.cluster) {
            $0["status"]?["resources"]?["available"] = ["nvidia.com/gpu": "1"]
            $0["status"]?["conditions"] = [["type": "Ready", "status": "True", "lastProbeTime": "2026-01-01T00:01:00Z"]]
        }
        #expect(!ChangeFilters.clusterChangeMatters(heartbeat))
        #expect(ChangeFilters.clusterChangeMatters(Self.updated(Self.cluster) {
            $0["status"]?["conditions"] = [["type": "Ready", "status": "False"]]
        }))
        #expect(ChangeFilters.clusterChangeMatters(Self.updated(Self.cluster) { $0["metadata"]?["labels"]?["gpu"] = "h100" }))
        #expect(ChangeFilters.clusterChangeMatters(Self.updated(Self.cluster) {
            $0["status"]?["resources"]?["allocatable"] = ["nvidia.com/gpu": "0"]
        }))
        #expect(ChangeFilters.clusterChangeMatters(.deleted(Self.key, Self.cluster)))
    }

    static let member: JSONValue = [
        "metadata": [
            "name": "web", "namespace": "default",
            "annotations": [.init(MemberSync.desiredHashAnnotation): "9f3a0c17e2b4d851", "flotilla.io/source": "Deployment default/web"],
        ],
        "spec": ["replicas": 3],
    ]

    /// What the member caches hear: the same change, between `MemberCopy` records.
    static func copies(_ change: StoreChange) -> TypedStoreChange<MemberCopy> {
        switch change {
        case .added(let key, let object): return .added(key, MemberCopy(cachedFrom: object)!)
        case .updated(let key, let old, let new):
            return .updated(key, old: MemberCopy(cachedFrom: old)!, new: MemberCopy(cachedFrom: new)!)
        case .deleted(let key, let object): return .deleted(key, MemberCopy(cachedFrom: object)!)
        }
    }

    static func memberChangeMatters(_ change: StoreChange) -> Bool {
        ChangeFilters.memberChangeMatters(copies(change))
    }

    @Test("the echo of Flotilla's own member updates is dropped; creation, status, deletion and others' edits are not")
    func memberEcho() {
        #expect(Self.memberChangeMatters(.added(Self.key, Self.member)), "a new object is an input")
        #expect(!Self.memberChangeMatters(Self.updated(Self.member) {
            $0["metadata"]?["annotations"]?[MemberSync.desiredHashAnnotation] = "4c61de09a7f3b2e0"
            $0["spec"]?["replicas"] = 4
        }), "the echo of an update")
        #expect(Self.memberChangeMatters(Self.updated(Self.member) { $0["status"] = ["readyReplicas": 3] }))
        #expect(Self.memberChangeMatters(Self.updated(Self.member) { $0["spec"]?["replicas"] = 9 }),
                "someone else scaled it: repair")
        #expect(Self.memberChangeMatters(.deleted(Self.key, Self.member)))
        var listed = Self.member
        listed["status"] = ["replicas": 3]
        #expect(Self.memberChangeMatters(.added(Self.key, listed)), "a listed object with a status")
        #expect(Self.memberChangeMatters(Self.updated(Self.member) { $0["spec"]?["template"] = ["spec": [:]] }),
                "someone else edited the template: repair")
        #expect(Self.memberChangeMatters(Self.updated(Self.member) { $0["metadata"]?["labels"] = ["x": "y"] }))
    }
}
