import KubeObjects
import Testing

@testable import Placement

/// The member object always carries Flotilla's managed-by label and source annotation, whatever
/// the overrides do to its metadata: without them Flotilla could neither update nor delete its
/// own copy (found on a real server: a ClusterOverridePolicy replacing `/metadata/annotations`
/// left the member's copy behind when its host Deployment was deleted).
@Suite("Ownership marks survive overrides")
struct OwnershipMarksTests {
    static func memberObject(overriders: String) throws -> JSONValue {
        let override = try Fixtures.parse("""
            {"apiVersion": "core.kubeadmiral.io/v1alpha1", "kind": "OverridePolicy",
             "metadata": {"name": "o", "namespace": "default"},
             "spec": {"overrideRules": [{"overriders": {"jsonpatch": \(overriders)}}]}}
            """)
        let workload = Fixtures.deploymentJSON(
            labels: ["kubeadmiral.io/propagation-policy-name": "p", "kubeadmiral.io/override-policy-name": "o", "app": "web"],
            annotations: ["owner": "team-a"], gpu: false)
        let inventory = ObjectInventory(
            [try Fixtures.policyJSON(#"{"schedulingMode": "Divide"}"#), override, workload],
            decodedClusters: [.success(try Fixtures.cluster("a"))])
        let decoded = try #require(inventory.workloads.first)
        let plan = try #require(PlacementEngine.plan(decoded, in: inventory, now: Fixtures.now))
        #expect(plan.errors.isEmpty, "\(plan.errors)")
        let member = try #require(plan.clusters.first)
        #expect(member.error == nil, "\(member.error ?? "")")
        return try #require(member.object)
    }

    static func marks(of object: JSONValue) -> (label: String?, source: String?) {
        (
            object[path: ["metadata", "labels", MemberObject.managedByLabel]]?.stringValue,
            object[path: ["metadata", "annotations", MemberObject.sourceAnnotation]]?.stringValue
        )
    }

    @Test("an override that replaces the labels and annotations keeps its values and Flotilla's marks")
    func replacedMetadata() throws {
        let object = try Self.memberObject(overriders: """
            [{"operator": "add", "path": "/metadata/annotations", "value": {"team": "platform"}},
             {"operator": "replace", "path": "/metadata/labels", "value": {"tier": "gpu"}}]
            """)
        let (label, source) = Self.marks(of: object)
        #expect(label == MemberObject.managedByValue)
        #expect(source == "Deployment default/web")
        #expect(object[path: ["metadata", "annotations", "team"]]?.stringValue == "platform")
        #expect(object[path: ["metadata", "annotations", "owner"]] == nil, "the override replaced the map")
        #expect(object[path: ["metadata", "labels", "tier"]]?.stringValue == "gpu")
    }

    @Test("an override that removes the labels and annotations cannot remove the marks")
    func removedMetadata() throws {
        let object = try Self.memberObject(overriders: """
            [{"operator": "remove", "path": "/metadata/annotations"},
             {"operator": "remove", "path": "/metadata/labels"}]
            """)
        let (label, source) = Self.marks(of: object)
        #expect(label == MemberObject.managedByValue)
        #expect(source == "Deployment default/web")
    }
}
