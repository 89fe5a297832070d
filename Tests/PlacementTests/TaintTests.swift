import KubeObjects
import Testing

@testable import Placement

@Suite("Taints and tolerations")
struct TaintTests {
    static let cases: [(toleration: Toleration, taint: Taint, tolerated: Bool)] = [
        (Toleration(key: "gpu", value: "busy", effect: .noSchedule), Taint(key: "gpu", value: "busy", effect: .noSchedule), true),
        (Toleration(key: "gpu", value: "busy"), Taint(key: "gpu", value: "busy", effect: .noExecute), true),
        (Toleration(key: "gpu", value: "idle"), Taint(key: "gpu", value: "busy", effect: .noSchedule), false),
        (Toleration(key: "gpu", value: "busy", effect: .noExecute), Taint(key: "gpu", value: "busy", effect: .noSchedule), false),
        (Toleration(key: "gpu", operator: .exists), Taint(key: "gpu", value: "anything", effect: .noSchedule), true),
        (Toleration(key: "gpu", operator: .exists), Taint(key: "cpu", effect: .noSchedule), false),
        (Toleration(operator: .exists), Taint(key: "whatever", value: "x", effect: .noExecute), true),
        (Toleration(operator: .exists, effect: .preferNoSchedule), Taint(key: "whatever", effect: .noSchedule), false),
        (Toleration(key: "gpu"), Taint(key: "gpu", effect: .noSchedule), true),
    ]

    @Test(arguments: cases)
    func tolerationsMatchTaintsAsKubernetesDoes(_ example: (toleration: Toleration, taint: Taint, tolerated: Bool)) {
        #expect(example.toleration.tolerates(example.taint) == example.tolerated)
    }

    @Test func taintsPrintAsKubectlWritesThem() {
        #expect(Taint(key: "gpu", value: "busy", effect: .noSchedule).description == "gpu=busy:NoSchedule")
        #expect(Taint(key: "down", effect: .noExecute).description == "down:NoExecute")
    }

    @Test func firstUntoleratedLooksOnlyAtTheGivenEffects() {
        let taints = [Taint(key: "a", effect: .preferNoSchedule), Taint(key: "b", effect: .noSchedule), Taint(key: "c", effect: .noExecute)]
        let tolerations = [Toleration(key: "b", operator: .exists)]
        #expect(tolerations.firstUntolerated(taints, effects: [.noSchedule, .noExecute]) == taints[2])
        #expect(tolerations.firstUntolerated(taints, effects: [.noSchedule]) == nil)
    }

    static let badTolerations: [(json: String, message: String)] = [
        (#"{"key": "gpu", "operator": "In"}"#, #"PropagationPolicy default/p: t.operator: unsupported operator "In": must be Equal or Exists"#),
        (#"{"key": "gpu", "operator": "Exists", "value": "x"}"#, "PropagationPolicy default/p: t.value: must be empty when operator is Exists"),
        (#"{"value": "x"}"#, "PropagationPolicy default/p: t.operator: must be Exists when key is empty"),
    ]

    @Test(arguments: badTolerations)
    func malformedTolerationsAreRejected(_ example: (json: String, message: String)) throws {
        let reader = FieldReader(object: FieldReaderTests.object, value: try JSONValue(parsing: #"{"t": "# + example.json + "}")).field("t")
        #expect(Fixtures.message { _ = try Toleration.decode(reader) } == example.message)
    }

    @Test func anEmptyEffectTolerationDecodesAsEveryEffect() throws {
        let reader = FieldReader(object: FieldReaderTests.object, value: try JSONValue(parsing: #"{"key": "gpu", "effect": ""}"#))
        #expect(try Toleration.decode(reader) == Toleration(key: "gpu"))
    }
}

@Suite("Cluster selector terms")
struct ClusterSelectorTests {
    static func term(_ json: String) throws -> ClusterSelectorTerm {
        try ClusterSelectorTerm.decode(FieldReader(object: FieldReaderTests.object, value: try JSONValue(parsing: json)))
    }

    static let badTerms: [(json: String, message: String)] = [
        (#"{"matchFields": [{"key": "metadata.labels", "operator": "In", "values": ["a"]}]}"#, #"matchFields[0].key: matchFields supports only metadata.name, got "metadata.labels""#),
        (#"{"matchFields": [{"key": "metadata.name", "operator": "Exists", "values": []}]}"#, "matchFields[0].operator: matchFields supports only In and NotIn"),
        (#"{"matchFields": [{"key": "metadata.name", "operator": "In", "values": ["a", "b"]}]}"#, "matchFields[0].values: matchFields needs exactly one value"),
        (#"{"matchExpressions": [{"key": "gpus", "operator": "Gt", "values": ["many"]}]}"#, "matchExpressions[0].values: must be a single integer for operator Gt"),
        (#"{"matchExpressions": [{"key": "gpu", "operator": "In", "values": []}]}"#, "matchExpressions[0].values: must not be empty for operator In"),
        (#"{"matchExpressions": [{"key": "gpu", "operator": "Exists", "values": ["x"]}]}"#, "matchExpressions[0].values: must be empty for operator Exists"),
        (#"{"matchExpressions": [{"operator": "Exists"}]}"#, "matchExpressions[0].key: required field is missing"),
    ]

    @Test(arguments: badTerms)
    func invalidRequirementsAreRejectedWithTheirPath(_ example: (json: String, message: String)) throws {
        #expect(Fixtures.message { _ = try Self.term(example.json) } == "PropagationPolicy default/p: " + example.message)
    }

    @Test func anEmptyTermMatchesNothingButAnEmptyTermListMatchesEverything() throws {
        #expect(!(try Self.term("{}")).matches(clusterName: "a", labels: [:]))
        #expect(([] as [ClusterSelectorTerm]).matches(clusterName: "a", labels: [:]))
    }

    @Test func expressionsAndFieldsInATermAreANDed() throws {
        let term = try Self.term(
            #"{"matchExpressions": [{"key": "gpu", "operator": "Exists", "values": []}], "matchFields": [{"key": "metadata.name", "operator": "In", "values": ["a"]}]}"#)
        #expect(term.matches(clusterName: "a", labels: ["gpu": "t4"]))
        #expect(!term.matches(clusterName: "b", labels: ["gpu": "t4"]))
        #expect(!term.matches(clusterName: "a", labels: [:]))
    }

    @Test func anEmptyClusterSelectorSelectsEveryCluster() {
        #expect(([:] as [String: String]).selects(labels: ["any": "thing"]))
        #expect(!["gpu": "h100"].selects(labels: ["gpu": "t4"]))
    }
}

@Suite("List elements of the wrong type")
struct ElementTypeTests {
    static let cases: [(spec: String, message: String)] = [
        (#"{"schedulingMode": "Divide", "tolerations": ["gpu"]}"#, "spec.tolerations[0]: expected an object, got a string"),
        (#"{"schedulingMode": "Divide", "clusterAffinity": ["gpu"]}"#, "spec.clusterAffinity[0]: expected an object, got a string"),
        (#"{"schedulingMode": "Divide", "clusterAffinity": [{"matchExpressions": ["gpu"]}]}"#, "spec.clusterAffinity[0].matchExpressions[0]: expected an object, got a string"),
        (#"{"schedulingMode": "Divide", "placement": ["a"]}"#, "spec.placement[0]: expected an object, got a string"),
    ]

    @Test(arguments: cases)
    func aListElementThatIsNotAnObjectIsATypeError(_ example: (spec: String, message: String)) {
        #expect(Fixtures.message { _ = try Fixtures.policy(example.spec) } == "PropagationPolicy default/p: " + example.message)
    }

    @Test func aTaintThatIsNotAnObjectIsATypeError() throws {
        let raw = try JSONValue(
            parsing: #"{"apiVersion": "core.kubeadmiral.io/v1alpha1", "kind": "FederatedCluster", "metadata": {"name": "m"}, "spec": {"apiEndpoint": "x", "secretRef": {"name": "m"}, "taints": ["gpu=busy:NoSchedule"]}}"#)
        #expect(Fixtures.message { _ = try FederatedCluster.decode(raw) } == "FederatedCluster m: spec.taints[0]: expected an object, got a string")
    }
}
