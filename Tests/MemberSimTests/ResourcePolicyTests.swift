import KubeObjects
import Placement
import Testing

@testable import MemberSim

/// Both dialects of ResourcePolicy, read into one model.
@Suite struct ResourcePolicyTests {
    private func policy(_ file: String) throws -> ResourcePolicy {
        let text = try String(contentsOfFile: demoDirectory + "/" + file, encoding: .utf8)
        return try ResourcePolicy(decoding: KubeDocuments.read(text)[0])
    }

    @Test func volcenginesSubsetsBecomeUnitsWithRequirements() throws {
        let rp = try policy("resourcepolicy-vke-poc1.yaml")
        #expect(rp.dialect == .volcengine)
        #expect(rp.key == "default/vke-poc1-rp")
        #expect(rp.selector == ["app": "gpu-demo"])
        #expect(rp.strategy == .prefer)
        #expect(rp.units.map(\.name) == ["ecs-pool-1", "vci-pool", "ecs-pool-2"])
        #expect(rp.units.map(\.resource) == [.ecs, .vci, .ecs])
        #expect(rp.units[1].max == 2)
        #expect(rp.units[0].nodeRequirements == [
            ClusterSelectorRequirement(
                key: "cluster.vke.volcengine.com/machinepool-name", operator: .in, values: ["pcltbrovu2ttge1iek560"])
        ])
    }

    @Test func alibabaCloudsUnitsTakeTheirNodeSelectorAsInRequirements() throws {
        let rp = try policy("resourcepolicy-ack-poc.yaml")
        #expect(rp.dialect == .alibabacloud)
        #expect(rp.units.map(\.resource) == [.ecs, .eci, .ecs])
        #expect(rp.units.map(\.max) == [nil, 2, nil])
        #expect(rp.units[1].nodeRequirements.isEmpty)
        #expect(rp.units[2].nodeRequirements.first?.values == ["npcc24f5db47d642f7a5ca274d0bcb0974"])
    }

    @Test func anElasticUnitSelectsOnlyVirtualNodesAndOtherUnitsOnlyRealOnes() throws {
        let rp = try policy("resourcepolicy-ack-poc.yaml")
        let virtual = ["type": "virtual-kubelet"]
        let prepaid = ["alibabacloud.com/nodepool-id": "np6adca1a73fff4843b19f151d2efe8fcf"]
        #expect(rp.units[1].selects(nodeLabels: virtual))
        #expect(!rp.units[1].selects(nodeLabels: prepaid))
        #expect(rp.units[0].selects(nodeLabels: prepaid))
        #expect(!rp.units[0].selects(nodeLabels: prepaid.merging(virtual) { $1 }))
        #expect(rp.selects(namespace: "default", labels: ["app": "gpu-demo", "x": "y"]))
        #expect(!rp.selects(namespace: "other", labels: ["app": "gpu-demo"]))
    }

    @Test func nodeSelectorTermOperatorsFollowNodeAffinity() throws {
        let object = try JSONValue(parsing: """
            {"apiVersion": "scheduling.vke.volcengine.com/v1beta1", "kind": "ResourcePolicy",
             "metadata": {"name": "rp", "namespace": "default"},
             "spec": {"selector": {"app": "a"}, "strategy": "require", "subsets": [
               {"name": "s", "type": "ecs", "nodeSelectorTerm": [
                 {"key": "gpu", "operator": "Exists"}, {"key": "spot", "operator": "DoesNotExist"},
                 {"key": "zone", "operator": "NotIn", "values": ["b"]}]}]}}
            """)
        let rp = try ResourcePolicy(decoding: object)
        #expect(rp.strategy == .require)
        let unit = rp.units[0]
        #expect(unit.selects(nodeLabels: ["gpu": "t4", "zone": "a"]))
        #expect(!unit.selects(nodeLabels: ["gpu": "t4", "zone": "b"]))
        #expect(!unit.selects(nodeLabels: ["gpu": "t4", "spot": "yes"]))
        #expect(!unit.selects(nodeLabels: ["zone": "a"]))
    }

    @Test func invalidPoliciesNameTheObjectAndField() throws {
        func failure(_ json: String) throws -> PolicyError? {
            let object = try JSONValue(parsing: json)
            do {
                _ = try ResourcePolicy(decoding: object)
                return nil
            } catch {
                return error
            }
        }
        let head = #""kind": "ResourcePolicy", "metadata": {"name": "rp", "namespace": "ns"}"#
        let version = try failure(#"{"apiVersion": "example.com/v1", \#(head), "spec": {}}"#)
        #expect(version?.field == "apiVersion")
        #expect(version?.description.hasPrefix("ResourcePolicy ns/rp: apiVersion:") == true)
        let selector = try failure(#"{"apiVersion": "scheduling.alibabacloud.com/v1alpha1", \#(head), "spec": {"units": [{"resource": "ecs"}]}}"#)
        #expect(selector?.field == "spec.selector")
        let resource = try failure(#"{"apiVersion": "scheduling.alibabacloud.com/v1alpha1", \#(head), "spec": {"selector": {"a": "b"}, "units": [{"resource": "gpu"}]}}"#)
        #expect(resource?.field == "spec.units[0].resource")
        let op = try failure(#"{"apiVersion": "scheduling.vke.volcengine.com/v1beta1", \#(head), "spec": {"selector": {"a": "b"}, "subsets": [{"name": "s", "type": "ecs", "nodeSelectorTerm": [{"key": "k", "operator": "Gt", "values": ["1"]}]}]}}"#)
        #expect(op?.field == "spec.subsets[0].nodeSelectorTerm[0].operator")
    }
}
