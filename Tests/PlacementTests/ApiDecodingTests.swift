import Foundation
import KubeObjects
import Testing

@testable import Placement

/// The reference scenario's policies exactly as users apply them: `config/scenario/policies.yaml`
/// (the file `make demo` plans with), read with the YAML reader.
enum ScenarioPolicies {
    static let file = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("config/scenario/policies.yaml")

    /// The object named `name` in the scenario's policies file.
    static func document(_ name: String) throws -> JSONValue {
        let text = try String(contentsOf: file, encoding: .utf8)
        let documents = try KubeDocuments.read(text, file: file.path)
        return try #require(documents.first { $0[path: ["metadata", "name"]] == .string(name) })
    }
}

@Suite("Decoding PropagationPolicies")
struct ApiDecodingTests {
    @Test func theScenarioWeightPolicyDecodesWithItsOwnValuesAndTheCRDDefaults() throws {
        let policy = try PropagationPolicy.decode(ScenarioPolicies.document("fed-pp-weight"))
        #expect(policy.reference.description == "PropagationPolicy default/fed-pp-weight")
        let spec = policy.spec
        #expect(spec.schedulingMode == .divide)
        #expect(spec.replicasStrategy == .spread)
        #expect(spec.placement.map(\.cluster) == ["cclt81kqnjbeqedvbbt0g", "ccltbv1p1h4ho7pq6sugg", "cclt75bp1h4ho7pq6su9g"])
        #expect(spec.placement.map(\.preferences.weight) == [40, 40, 20])
        #expect(spec.placement.map(\.preferences.minReplicas) == [2, 2, 2])
        #expect(spec.placement.allSatisfy { $0.preferences.maxReplicas == nil && $0.preferences.priority == nil })
        #expect(spec.reschedulePolicy.avoidDisruption == false)
        #expect(spec.reschedulePolicy.disableRescheduling == false)
        #expect(spec.reschedulePolicy.rescheduleWhen == RescheduleTriggers())
        #expect(spec.autoMigration == AutoMigration(podUnschedulableFor: .seconds(120), keepUnschedulableReplicas: true))
        #expect(spec.maxClusters == nil)
        #expect(spec.clusterSelector.isEmpty && spec.clusterAffinity.isEmpty && spec.tolerations.isEmpty)
    }

    @Test func theScenarioPriorityPolicyIsBinpackWithPriorities() throws {
        let spec = try PropagationPolicy.decode(ScenarioPolicies.document("fed-pp-priority")).spec
        #expect(spec.replicasStrategy == .binpack)
        #expect(spec.placement.map(\.preferences.priority) == [3, 2, 1])
        #expect(spec.placement.allSatisfy { $0.preferences.weight == nil })
    }

    @Test func aMinimalSpecGetsEveryCRDDefault() throws {
        let spec = try Fixtures.policy(#"{"schedulingMode": "Duplicate"}"#).spec
        #expect(spec.schedulingMode == .duplicate)
        #expect(spec.replicasStrategy == .spread)
        #expect(spec.schedulingProfile == "")
        #expect(spec.placement.isEmpty)
        #expect(spec.disableFollowerScheduling == false)
        #expect(spec.autoMigration == nil)
        #expect(spec.reschedulePolicy == ReschedulePolicy.default)
    }

    @Test func anAbsentReschedulePolicyReschedulesOnPolicyChangesAndAvoidsDisruption() throws {
        let policy = try Fixtures.policy(#"{"schedulingMode": "Divide"}"#).spec.reschedulePolicy
        #expect(policy.disableRescheduling == false)
        #expect(policy.avoidDisruption == true)
        let triggers = try #require(policy.rescheduleWhen)
        #expect(triggers.policyContentChanged == true)
        #expect(triggers.clusterJoined == false)
        #expect(triggers.clusterLabelsChanged == false)
        #expect(triggers.clusterAPIResourcesChanged == false)
    }

    @Test func aPresentReschedulePolicyWithoutRescheduleWhenDefersEveryOptionalTrigger() throws {
        let policy = try Fixtures.policy(#"{"schedulingMode": "Divide", "reschedulePolicy": {"disableRescheduling": true}}"#)
            .spec.reschedulePolicy
        #expect(policy.rescheduleWhen == nil)
        #expect(policy.disableRescheduling == true)
        #expect(policy.avoidDisruption == true)
    }

    @Test func anEmptyReschedulePolicyStillDefaultsReplicaReschedulingToAvoidDisruption() throws {
        let policy = try Fixtures.policy(#"{"schedulingMode": "Divide", "reschedulePolicy": {}}"#).spec.reschedulePolicy
        #expect(policy == ReschedulePolicy(disableRescheduling: false, rescheduleWhen: nil, avoidDisruption: true))
    }

    @Test func anEmptyReplicaReschedulingDefaultsAvoidDisruptionToTrue() throws {
        let policy = try Fixtures.policy(#"{"schedulingMode": "Divide", "reschedulePolicy": {"replicaRescheduling": {}}}"#)
            .spec.reschedulePolicy
        #expect(policy.avoidDisruption == true)
    }

    @Test func aPartialRescheduleWhenFillsEachMissingTriggerWithItsDefault() throws {
        let triggers = try Fixtures.policy(
            #"{"schedulingMode": "Divide", "reschedulePolicy": {"rescheduleWhen": {"clusterJoined": true}}}"#
        ).spec.reschedulePolicy.rescheduleWhen
        #expect(triggers == RescheduleTriggers(policyContentChanged: true, clusterJoined: true))
    }

    @Test func anExplicitlyFalsePolicyContentChangedStaysFalse() throws {
        let triggers = try Fixtures.policy(
            #"{"schedulingMode": "Divide", "reschedulePolicy": {"rescheduleWhen": {"policyContentChanged": false}}}"#
        ).spec.reschedulePolicy.rescheduleWhen
        #expect(triggers?.policyContentChanged == false)
    }

    @Test func anEmptyAutoMigrationTurnsAutoMigrationOnWithAOneMinuteThreshold() throws {
        let autoMigration = try Fixtures.policy(#"{"schedulingMode": "Divide", "autoMigration": {}}"#).spec.autoMigration
        #expect(autoMigration == AutoMigration(podUnschedulableFor: .seconds(60), keepUnschedulableReplicas: false))
    }

    @Test func preferencesDefaultMinReplicasToZeroAndLeaveTheRestUnset() throws {
        let placement = try Fixtures.policy(#"{"schedulingMode": "Divide", "placement": [{"cluster": "a"}]}"#).spec.placement
        #expect(placement == [DesiredPlacement(cluster: "a")])
    }

    @Test func aNegativeMaxClustersIsAcceptedAtDecodeAndLeftToSelection() throws {
        #expect(try Fixtures.policy(#"{"schedulingMode": "Divide", "maxClusters": -1}"#).spec.maxClusters == -1)
    }

    @Test func fieldsFlotillaDoesNotReadSurviveInTheRawObject() throws {
        let policy = try Fixtures.policy(
            #"{"schedulingMode": "Divide", "reschedulePolicy": {"rescheduleWhen": {"clusterRecovered": true}}}"#)
        #expect(policy.raw["spec"]?["reschedulePolicy"]?["rescheduleWhen"]?["clusterRecovered"] == true)
    }

    @Test func clusterPropagationPoliciesNeedNoNamespace() throws {
        let policy = try ClusterPropagationPolicy.decode(
            Fixtures.parse(
                #"{"apiVersion": "core.kubeadmiral.io/v1alpha1", "kind": "ClusterPropagationPolicy", "metadata": {"name": "global"}, "spec": {"schedulingMode": "Duplicate", "clusterSelector": {"gpu": "h100"}}}"#
            ))
        #expect(policy.reference.description == "ClusterPropagationPolicy global")
        #expect(policy.spec.clusterSelector == ["gpu": "h100"])
    }

    @Test func tolerationsAndAffinityDecodeIntoTheirTypes() throws {
        let spec = try Fixtures.policy(
            """
            {"schedulingMode": "Divide",
             "tolerations": [{"key": "dedicated", "operator": "Equal", "value": "gpu", "effect": "NoSchedule"}, {"operator": "Exists"}],
             "clusterAffinity": [{"matchExpressions": [{"key": "gpu", "operator": "In", "values": ["a100", "h100"]}],
                                  "matchFields": [{"key": "metadata.name", "operator": "NotIn", "values": ["legacy-1"]}]}]}
            """
        ).spec
        #expect(spec.tolerations == [Toleration(key: "dedicated", value: "gpu", effect: .noSchedule), Toleration(operator: .exists)])
        #expect(
            spec.clusterAffinity == [
                ClusterSelectorTerm(
                    matchExpressions: [ClusterSelectorRequirement(key: "gpu", operator: .in, values: ["a100", "h100"])],
                    matchFields: [ClusterSelectorRequirement(key: "metadata.name", operator: .notIn, values: ["legacy-1"])])
            ])
    }

    static let badSpecs: [(spec: String, message: String)] = [
        (
            #"{"schedulingMode": "Divide", "placement": [{"cluster": "a"}, {"cluster": "b", "preferences": {"weight": "2"}}]}"#,
            "PropagationPolicy default/p: spec.placement[1].preferences.weight: expected an integer, got a string"
        ),
        (#"{"replicasStrategy": "Spread"}"#, "PropagationPolicy default/p: spec.schedulingMode: required field is missing: use Duplicate or Divide"),
        (#"{"schedulingMode": "Split"}"#, #"PropagationPolicy default/p: spec.schedulingMode: unsupported value "Split": must be one of Duplicate, Divide"#),
        (#"{"schedulingMode": "Divide", "replicasStrategy": "Fill"}"#, #"PropagationPolicy default/p: spec.replicasStrategy: unsupported value "Fill": must be one of Spread, Binpack"#),
        (
            #"{"schedulingMode": "Divide", "autoMigration": {"when": {"podUnschedulableFor": "2 minutes"}}}"#,
            #"PropagationPolicy default/p: spec.autoMigration.when.podUnschedulableFor: invalid duration "2 minutes": use a number and a unit, such as 90s, 2m or 1h30m"#
        ),
        (
            #"{"schedulingMode": "Divide", "autoMigration": {"when": {}}}"#,
            "PropagationPolicy default/p: spec.autoMigration.when: must have at least 1 property: set podUnschedulableFor, or remove when to use 1m"
        ),
        (
            #"{"schedulingMode": "Divide", "clusterAffinity": [{"matchExpressions": [{"key": "gpu", "operator": "Like", "values": ["a"]}]}]}"#,
            #"PropagationPolicy default/p: spec.clusterAffinity[0].matchExpressions[0].operator: unsupported operator "Like": must be one of In, NotIn, Exists, DoesNotExist, Gt, Lt"#
        ),
        (
            #"{"schedulingMode": "Divide", "placement": [{"preferences": {"weight": 1}}]}"#,
            "PropagationPolicy default/p: spec.placement[0].cluster: required field is missing"
        ),
        (
            #"{"schedulingMode": "Divide", "placement": [{"cluster": "a", "preferences": {"minReplicas": -1}}]}"#,
            "PropagationPolicy default/p: spec.placement[0].preferences.minReplicas: must be greater than or equal to 0, got -1"
        ),
        (
            #"{"schedulingMode": "Divide", "placement": [{"cluster": "a"}, {"cluster": "a"}]}"#,
            #"PropagationPolicy default/p: spec.placement[1].cluster: cluster "a" is listed more than once"#
        ),
        (
            #"{"schedulingMode": "Divide", "tolerations": [{"key": "gpu", "effect": "NoRun"}]}"#,
            #"PropagationPolicy default/p: spec.tolerations[0].effect: unsupported effect "NoRun": must be NoSchedule, PreferNoSchedule or NoExecute"#
        ),
        (
            #"{"schedulingMode": "Divide", "clusterSelector": {"gpu": 1}}"#,
            "PropagationPolicy default/p: spec.clusterSelector[gpu]: expected a string, got an integer"
        ),
        (#"{"schedulingMode": "Divide", "maxClusters": "3"}"#, "PropagationPolicy default/p: spec.maxClusters: expected an integer, got a string"),
    ]

    @Test(arguments: badSpecs)
    func aBadSpecIsRejectedWithTheObjectAndFieldPath(_ example: (spec: String, message: String)) throws {
        #expect(Fixtures.message { _ = try Fixtures.policy(example.spec) } == example.message)
    }

    static let badHeaders: [(object: String, message: String)] = [
        (
            #"{"apiVersion": "core.kubeadmiral.io/v1beta1", "kind": "PropagationPolicy", "metadata": {"name": "p", "namespace": "default"}, "spec": {"schedulingMode": "Divide"}}"#,
            #"PropagationPolicy default/p: apiVersion: expected "core.kubeadmiral.io/v1alpha1", got "core.kubeadmiral.io/v1beta1""#
        ),
        (
            #"{"apiVersion": "core.kubeadmiral.io/v1alpha1", "kind": "OverridePolicy", "metadata": {"name": "p", "namespace": "default"}}"#,
            #"PropagationPolicy default/p: kind: expected "PropagationPolicy", got "OverridePolicy""#
        ),
        (
            #"{"apiVersion": "core.kubeadmiral.io/v1alpha1", "kind": "PropagationPolicy", "metadata": {"name": "p"}, "spec": {"schedulingMode": "Divide"}}"#,
            "PropagationPolicy p: metadata.namespace: required field is missing"
        ),
        (
            #"{"apiVersion": "core.kubeadmiral.io/v1alpha1", "kind": "PropagationPolicy", "metadata": {"namespace": "default"}, "spec": {"schedulingMode": "Divide"}}"#,
            "PropagationPolicy default/<unnamed>: metadata.name: required field is missing"
        ),
        (
            #"{"apiVersion": "core.kubeadmiral.io/v1alpha1", "kind": "PropagationPolicy", "metadata": {"name": "p", "namespace": "default"}}"#,
            "PropagationPolicy default/p: spec: required field is missing"
        ),
        (#"[1, 2]"#, "PropagationPolicy <unnamed>: expected an object, got an array"),
    ]

    @Test(arguments: badHeaders)
    func aWrongVersionKindOrMissingNameIsRejected(_ example: (object: String, message: String)) throws {
        let raw = try Fixtures.parse(example.object)
        #expect(Fixtures.message { _ = try PropagationPolicy.decode(raw) } == example.message)
    }
}
