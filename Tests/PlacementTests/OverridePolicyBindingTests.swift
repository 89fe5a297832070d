import KubeObjects
import Testing

@testable import Placement

@Suite struct OverridePolicyBindingTests {
    static let clusterPolicies = ["cop": ClusterOverridePolicy(name: "cop", overrideRules: [])]
    static let policies = ["default/fed-op": OverridePolicy(namespace: "default", name: "fed-op", overrideRules: [])]
    static let workload = ObjectReference(kind: "Deployment", namespace: "default", name: "fed-dp-gpu")

    static func bind(_ labels: [String: String], workload: ObjectReference = workload) throws(PolicyError)
        -> (clusterPolicy: ClusterOverridePolicy?, policy: OverridePolicy?)
    {
        try Overrides.boundPolicies(
            for: workload, labels: labels, clusterPolicy: { clusterPolicies[$0] }, policy: { policies["\($0)/\($1)"] })
    }

    @Test func bothLabelsBindBothPolicies() throws {
        let bound = try Self.bind([
            KubeAdmiralLabels.clusterOverridePolicyName: "cop", KubeAdmiralLabels.overridePolicyName: "fed-op", "app": "x",
        ])
        #expect(bound.clusterPolicy?.name == "cop")
        #expect(bound.policy?.reference.description == "OverridePolicy default/fed-op")
    }

    @Test func withoutLabelsNothingIsBound() throws {
        let bound = try Self.bind(["app": "x"])
        #expect(bound.clusterPolicy == nil)
        #expect(bound.policy == nil)
    }

    @Test func anOverridePolicyIsOnlyLookedUpInTheWorkloadsNamespace() throws {
        let elsewhere = ObjectReference(kind: "Deployment", namespace: "other", name: "w")
        let error = #expect(throws: PolicyError.self) {
            try Self.bind([KubeAdmiralLabels.overridePolicyName: "fed-op"], workload: elsewhere)
        }
        #expect(error?.description == "Deployment other/w: metadata.labels[kubeadmiral.io/override-policy-name]: OverridePolicy other/fed-op does not exist")
    }

    @Test func aClusterScopedWorkloadIgnoresTheOverridePolicyLabel() throws {
        let clusterScoped = ObjectReference(kind: "ClusterRole", name: "r")
        for value in ["fed-op", "", "absent"] {
            let bound = try Self.bind(
                [KubeAdmiralLabels.overridePolicyName: value, KubeAdmiralLabels.clusterOverridePolicyName: "cop"],
                workload: clusterScoped)
            #expect(bound.policy == nil)
            #expect(bound.clusterPolicy?.name == "cop")
        }
    }

    @Test(arguments: [
        ([KubeAdmiralLabels.clusterOverridePolicyName: ""], "kubeadmiral.io/cluster-override-policy-name", "must not be empty"),
        ([KubeAdmiralLabels.overridePolicyName: ""], "kubeadmiral.io/override-policy-name", "must not be empty"),
        ([KubeAdmiralLabels.clusterOverridePolicyName: "absent"], "kubeadmiral.io/cluster-override-policy-name",
         "ClusterOverridePolicy absent does not exist"),
        ([KubeAdmiralLabels.overridePolicyName: "absent"], "kubeadmiral.io/override-policy-name",
         "OverridePolicy default/absent does not exist"),
        // The cluster policy is checked first, as in KubeAdmiral.
        ([KubeAdmiralLabels.overridePolicyName: "absent", KubeAdmiralLabels.clusterOverridePolicyName: ""],
         "kubeadmiral.io/cluster-override-policy-name", "must not be empty"),
    ])
    func anEmptyLabelOrAMissingPolicyIsAnError(_ labels: [String: String], _ label: String, _ message: String) throws {
        let error = #expect(throws: PolicyError.self) { try Self.bind(labels) }
        #expect(error == PolicyError(object: Self.workload, field: "metadata.labels[\(label)]", message: message))
    }
}
