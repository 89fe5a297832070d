import KubeObjects
import Testing

@testable import Placement

/// The reference scenario's per-cloud overrides (multicloud-gpu-burst.md, `fed-op` and section D).
@Suite struct ScenarioOverridesTests {
    static let vkePOC1 = ClusterIdentity(name: "cclt81kqnjbeqedvbbt0g")
    static let vkePOC2 = ClusterIdentity(name: "ccltbv1p1h4ho7pq6sugg")
    static let ackPOC = ClusterIdentity(name: "cclt75bp1h4ho7pq6su9g")

    static let fedOP = """
        {"apiVersion": "core.kubeadmiral.io/v1alpha1", "kind": "OverridePolicy",
         "metadata": {"name": "fed-op", "namespace": "default"},
         "spec": {"overrideRules": [
           {"overriders": {"jsonpatch": [{"operator": "add",
                                          "path": "/spec/template/metadata/annotations/vci.vke.volcengine.com~1preferred-instance-types",
                                          "value": "vci.g1v.2xlarge"}]},
            "targetClusters": {"clusters": ["cclt81kqnjbeqedvbbt0g", "ccltbv1p1h4ho7pq6sugg"]}},
           {"overriders": {"jsonpatch": [{"operator": "add",
                                          "path": "/spec/template/metadata/annotations/k8s.aliyun.com~1eci-use-specs",
                                          "value": "ecs.gn5i-c2g1.large"}]},
            "targetClusters": {"clusters": ["cclt75bp1h4ho7pq6su9g"]}}]}}
        """

    static let fedDPGPU = """
        {"apiVersion": "apps/v1", "kind": "Deployment",
         "metadata": {"name": "fed-dp-gpu", "namespace": "default",
                      "labels": {"kubeadmiral.io/propagation-policy-name": "fed-pp-weight",
                                 "kubeadmiral.io/override-policy-name": "fed-op"}},
         "spec": {"replicas": 10,
                  "selector": {"matchLabels": {"app": "gpu-demo"}},
                  "template": {"metadata": {"annotations": {}, "labels": {"app": "gpu-demo"}},
                               "spec": {"containers": [{"name": "gpu-pod",
                                                        "image": "dcp-pre-cn-beijing.cr.volces.com/dcp/auto-gpu-burn:0.7",
                                                        "command": ["/bin/sh", "-c", "./gpu_burn 3000"],
                                                        "resources": {"limits": {"nvidia.com/gpu": "1"},
                                                                      "requests": {"nvidia.com/gpu": "1"}}}]}}}}
        """

    static let vciAnnotation = "vci.vke.volcengine.com/preferred-instance-types"
    static let eciAnnotation = "k8s.aliyun.com/eci-use-specs"

    /// fed-dp-gpu bound through its label to fed-op, then overridden for `cluster`.
    static func memberObject(for cluster: ClusterIdentity) throws -> (JSONValue, source: JSONValue) {
        let policy = try OverridePolicy.decode(json(fedOP))
        let workload = try json(fedDPGPU)
        let policies = PolicySet(overridePolicies: [policy])
        let binding = try PolicyBinding(of: Workload.decode(workload))
        let bound = try policies.overridePolicies(for: binding, of: Workload.decode(workload))
        let result = try Overrides.apply(
            clusterPolicy: bound.clusterPolicy, policy: bound.policy, to: workload, cluster: cluster)
        return (result, workload)
    }

    @Test func fedOPDecodesWithTheEscapedSlashInItsPaths() throws {
        let policy = try OverridePolicy.decode(json(Self.fedOP))
        #expect(policy.overrideRules.count == 2)
        let patch = policy.overrideRules[0].overriders.jsonpatch[0]
        #expect(patch.operator == .add)
        #expect(patch.path.tokens == ["spec", "template", "metadata", "annotations", Self.vciAnnotation])
        #expect(patch.value == "vci.g1v.2xlarge")
        #expect(policy.overrideRules[1].targetClusters?.clusters == ["cclt75bp1h4ho7pq6su9g"])
    }

    @Test(arguments: [vkePOC1, vkePOC2])
    func cloudAMembersGetTheVCIInstanceTypeAndNotTheECISpec(_ cluster: ClusterIdentity) throws {
        let (member, _) = try Self.memberObject(for: cluster)
        #expect(member[path: ["spec", "template", "metadata", "annotations"]] == [Self.vciAnnotation: "vci.g1v.2xlarge"])
    }

    @Test func theACKMemberGetsTheECISpecAndNotTheVCIInstanceType() throws {
        let (member, _) = try Self.memberObject(for: Self.ackPOC)
        #expect(member[path: ["spec", "template", "metadata", "annotations"]] == [Self.eciAnnotation: "ecs.gn5i-c2g1.large"])
    }

    @Test(arguments: [vkePOC1, ackPOC])
    func onlyThePodTemplateAnnotationsChangeAndTheHostObjectDoesNot(_ cluster: ClusterIdentity) throws {
        let (member, source) = try Self.memberObject(for: cluster)
        #expect(source == (try json(Self.fedDPGPU)))
        var restored = member
        restored.replaceValue(atKeys: ["spec", "template", "metadata", "annotations"], with: [:])
        #expect(restored == source)
    }

    @Test func aClusterOutsideBothRulesGetsNoAnnotation() throws {
        let (member, source) = try Self.memberObject(for: ClusterIdentity(name: "another-member"))
        #expect(member == source)
    }
}
