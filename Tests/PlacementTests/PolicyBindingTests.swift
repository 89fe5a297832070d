import KubeObjects
import Testing

@testable import Placement

@Suite("Binding workloads to policies")
struct PolicyBindingTests {
    static let pp = "kubeadmiral.io/propagation-policy-name"
    static let cpp = "kubeadmiral.io/cluster-propagation-policy-name"
    static let op = "kubeadmiral.io/override-policy-name"
    static let cop = "kubeadmiral.io/cluster-override-policy-name"

    static func workload(_ labels: [String: String], namespace: String = "team-a") throws -> Workload {
        try Workload.decode(Fixtures.deploymentJSON(namespace: namespace, labels: labels))
    }

    static func policies() throws -> PolicySet {
        let global = try ClusterPropagationPolicy.decode(
            Fixtures.parse(
                #"{"apiVersion": "core.kubeadmiral.io/v1alpha1", "kind": "ClusterPropagationPolicy", "metadata": {"name": "global"}, "spec": {"schedulingMode": "Duplicate"}}"#
            ))
        return PolicySet(
            propagationPolicies: [
                try Fixtures.policy(#"{"schedulingMode": "Divide"}"#, name: "gpu", namespace: "team-a"),
                try Fixtures.policy(#"{"schedulingMode": "Divide"}"#, name: "other", namespace: "team-b"),
            ],
            clusterPropagationPolicies: [global])
    }

    @Test func thePropagationPolicyLabelNamesAPolicyInTheWorkloadsNamespace() throws {
        let binding = try PolicyBinding(of: Self.workload([Self.pp: "gpu"]))
        #expect(binding.propagationPolicy == ObjectReference(kind: "PropagationPolicy", namespace: "team-a", name: "gpu"))
        #expect(binding.overridePolicies.isEmpty)
    }

    @Test func theNamespacedLabelWinsOverTheClusterLabel() throws {
        let binding = try PolicyBinding(of: Self.workload([Self.pp: "gpu", Self.cpp: "global"]))
        #expect(binding.propagationPolicy?.kind == "PropagationPolicy")
    }

    @Test func theClusterLabelAloneNamesAClusterPropagationPolicy() throws {
        let binding = try PolicyBinding(of: Self.workload([Self.cpp: "global"]))
        #expect(binding.propagationPolicy == ObjectReference(kind: "ClusterPropagationPolicy", name: "global"))
        let policy = try Self.policies().propagationPolicy(for: binding, of: Self.workload([Self.cpp: "global"]))
        #expect(policy?.reference.description == "ClusterPropagationPolicy global")
    }

    @Test func clusterOverridePoliciesComeBeforeOverridePolicies() throws {
        let binding = try PolicyBinding(of: Self.workload([Self.op: "fed-op", Self.cop: "fed-cop"]))
        #expect(
            binding.overridePolicies == [
                ObjectReference(kind: "ClusterOverridePolicy", name: "fed-cop"),
                ObjectReference(kind: "OverridePolicy", namespace: "team-a", name: "fed-op"),
            ])
    }

    @Test func aWorkloadWithoutAPolicyLabelGetsNoPlacementRequest() throws {
        #expect(try PlacementRequest.make(for: Self.workload(["app": "web"]), policies: Self.policies()) == nil)
    }

    @Test func aLabelNamingAMissingPolicyIsAnErrorOnTheWorkloadsLabel() throws {
        let workload = try Self.workload([Self.pp: "gone"])
        let policies = try Self.policies()
        #expect(
            Fixtures.message { _ = try PlacementRequest.make(for: workload, policies: policies) }
                == "Deployment team-a/web: metadata.labels[kubeadmiral.io/propagation-policy-name]: PropagationPolicy team-a/gone does not exist"
        )
    }

    @Test func aPropagationPolicyInAnotherNamespaceIsNotFound() throws {
        let workload = try Self.workload([Self.pp: "other"])
        let policies = try Self.policies()
        #expect(Fixtures.message { _ = try PlacementRequest.make(for: workload, policies: policies) }?.hasSuffix("PropagationPolicy team-a/other does not exist") == true)
    }

    @Test func anEmptyPolicyLabelIsAnError() throws {
        let workload = try Self.workload([Self.cop: ""])
        #expect(
            Fixtures.message { _ = try PolicyBinding(of: workload) }
                == "Deployment team-a/web: metadata.labels[kubeadmiral.io/cluster-override-policy-name]: must name a policy, got an empty value"
        )
    }

    @Test func aMissingOverridePolicyIsAnErrorOnItsLabel() throws {
        let workload = try Self.workload([Self.op: "fed-op"])
        let binding = try PolicyBinding(of: workload)
        #expect(
            Fixtures.message { try binding.requireOverridePolicies(of: workload, exist: { _ in false }) }
                == "Deployment team-a/web: metadata.labels[kubeadmiral.io/override-policy-name]: OverridePolicy team-a/fed-op does not exist"
        )
        #expect(Fixtures.message { try binding.requireOverridePolicies(of: workload, exist: { _ in true }) } == nil)
    }
}
