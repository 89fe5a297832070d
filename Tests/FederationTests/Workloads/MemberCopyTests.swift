import KubeClient
import KubeObjects
import Placement
import Testing

@testable import Federation

/// What the member caches keep of a member's Deployment.
@Suite("Member copy records")
struct MemberCopyTests {
    static let deployment: JSONValue = [
        "metadata": [
            "name": "web", "namespace": "prod", "uid": "4f1c9a52-0e7d-4b8a-9c3e-2d6f8a1b7c90",
            "resourceVersion": "812", "generation": 3,
            "labels": [.init(MemberObject.managedByLabel): .string(MemberObject.managedByValue)],
            "annotations": [
                .init(MemberObject.sourceAnnotation): "Deployment prod/web",
                .init(MemberSync.desiredHashAnnotation): "9f3a0c17e2b4d851",
            ],
        ],
        "spec": [
            "replicas": 4, "selector": ["matchLabels": ["tier": "front", "app": "web"]],
            "template": ["spec": ["containers": [["name": "c", "image": "nginx"]]]],
        ],
        "status": [
            "observedGeneration": 3, "replicas": 4, "updatedReplicas": 4, "readyReplicas": 2,
            "availableReplicas": 2, "unavailableReplicas": 2,
            "conditions": [["type": "Available", "status": "False"]],
        ],
    ]

    static func copy(_ change: (inout JSONValue) -> Void = { _ in }) -> MemberCopy {
        var object = deployment
        change(&object)
        return MemberCopy(cachedFrom: object)!
    }

    @Test("keeps what sync, status and auto-migration read")
    func fields() {
        let copy = Self.copy()
        #expect(copy.uid == .uuid(high: 0x4f1c_9a52_0e7d_4b8a, low: 0x9c3e_2d6f_8a1b_7c90))
        #expect(copy.uid.description == "4f1c9a52-0e7d-4b8a-9c3e-2d6f8a1b7c90")
        #expect(copy.resourceVersion == "812" && copy.generation == 3)
        #expect(copy.isFlotillas)
        #expect(copy.desiredHash == 0x9f3a_0c17_e2b4_d851)
        #expect(copy.replicas == 4)
        #expect(copy.status == MemberCopy.Status(
            observedGeneration: 3, replicas: 4, updatedReplicas: 4, readyReplicas: 2, availableReplicas: 2,
            unavailableReplicas: 2))
        #expect(copy.hasReported)
    }

    @Test("is Flotilla's only with the label and a source naming the workload of the same name")
    func ownership() {
        let unlabelled = Self.copy { $0["metadata"]?["labels"] = [:] }
        let otherSource = Self.copy { $0["metadata"]?["annotations"]?[MemberObject.sourceAnnotation] = "Deployment prod/api" }
        let noSource = Self.copy { $0["metadata"]?["annotations"]?[MemberObject.sourceAnnotation] = nil }
        #expect(!unlabelled.isFlotillas)
        #expect(!otherSource.isFlotillas)
        #expect(!noSource.isFlotillas)
    }

    @Test("a UID that is not a lowercase UUID is kept as written")
    func uids() {
        for text in ["", "not-a-uuid", "4F1C9A52-0E7D-4B8A-9C3E-2D6F8A1B7C90", "4f1c9a52x0e7d-4b8a-9c3e-2d6f8a1b7c90"] {
            #expect(MemberCopy.UID(text) == .text(text))
            #expect(MemberCopy.UID(text).description == text)
        }
        #expect(MemberCopy.UID("00000000-0000-0000-0000-00000000000a").description == "00000000-0000-0000-0000-00000000000a")
    }

    @Test("a missing or foreign hash, a missing status and a stale status read as such")
    func absentFields() {
        let foreignHash = Self.copy { $0["metadata"]?["annotations"]?[MemberSync.desiredHashAnnotation] = "edited" }
        let noStatus = Self.copy { $0["status"] = [:] }
        let stale = Self.copy { $0["metadata"]?["generation"] = 4 }
        let noReplicas = Self.copy { $0["spec"]?["replicas"] = nil }
        #expect(foreignHash.desiredHash == nil)
        #expect(noStatus.status == nil)
        #expect(!noStatus.hasReported)
        #expect(!stale.hasReported, "the member has not seen generation 4")
        #expect(noReplicas.replicas == nil)
        #expect(MemberCopy(cachedFrom: ["metadata": ["namespace": "prod"]]) == nil, "no name, no record")
    }

    @Test("another writer's edit of labels, annotations or spec changes the digest; status does not")
    func digest() {
        let base = Self.copy().contentDigest
        let image = Self.copy { $0["spec"]?["template"]?["spec"]?["containers"] = [["name": "c", "image": "evil"]] }
        let label = Self.copy { $0["metadata"]?["labels"]?["extra"] = "x" }
        let annotation = Self.copy { $0["metadata"]?["annotations"]?["extra"] = "x" }
        let status = Self.copy { $0["status"]?["readyReplicas"] = 4 }
        #expect(image.contentDigest != base)
        #expect(label.contentDigest != base)
        #expect(annotation.contentDigest != base)
        #expect(status.contentDigest == base)
    }

    @Test("a member cache keeps records keyed like the host workload")
    func inAStore() async {
        let store = TypedStore<MemberCopy>(resource: KubeClient.APIResource.deployments.groupResource)
        await store.apply(.restarted([Self.deployment]))
        let key = ObjectKey(resource: KubeClient.APIResource.deployments.groupResource, namespace: "prod", name: "web")
        #expect(await store.object(for: key) == Self.copy())
        await store.apply(.applied(Self.deploymentScaled))
        #expect(await store.object(for: key)?.replicas == 6)
    }

    static var deploymentScaled: JSONValue {
        var object = deployment
        object["metadata"]?["resourceVersion"] = "813"
        object["spec"]?["replicas"] = 6
        return object
    }
}
