import KubeObjects
import Testing

@testable import Placement

@Suite struct JSONPatchOverriderTests {
    @Test(arguments: [#""operator": "replace","#, #""operator": "","#, ""])
    func anEmptyOperatorMeansReplace(_ operatorField: String) throws {
        let policy = try overridePolicy(overriders: #"{"jsonpatch": [{\#(operatorField) "path": "/spec/replicas", "value": 1}]}"#)
        #expect(
            policy.overrideRules[0].overriders.jsonpatch
                == [JSONPatchOverrider(operator: .replace, path: JSONPointer(tokens: ["spec", "replicas"]), value: 1)])
        let result = try applying(#"{"jsonpatch": [{\#(operatorField) "path": "/spec/replicas", "value": 1}]}"#)
        #expect(result[path: ["spec", "replicas"]] == 1)
    }

    @Test(arguments: [
        (#"{"operator": "add", "path": "/metadata/labels/example.com~1tier", "value": "gpu"}"#,
         "/metadata/labels/example.com~1tier", JSONValue.string("gpu")),
        (#"{"operator": "add", "path": "/spec/template/spec/containers/-", "value": {"name": "extra", "image": "x:1"}}"#,
         "/spec/template/spec/containers/2/name", "extra"),
        (#"{"operator": "replace", "path": "/spec/template/spec/containers/0/image", "value": "other:2"}"#,
         "/spec/template/spec/containers/0/image", "other:2"),
        (#"{"operator": "remove", "path": "/metadata/annotations/team"}"#, "/metadata/annotations", JSONValue.object(JSONObject())),
        (#"{"operator": "add", "path": "/metadata/annotations/x", "value": null}"#, "/metadata/annotations/x", .null),
        (#"{"operator": "test", "path": "/spec/replicas", "value": 3.0}"#, "/spec/replicas", 3),
    ])
    func operationsFollowRFC6902(_ overrider: String, _ pointer: String, _ expected: JSONValue) throws {
        let result = try applying(#"{"jsonpatch": [\#(overrider)]}"#)
        #expect(try JSONPointer(parsing: pointer).resolve(in: result) == expected)
    }

    /// An API server drops empty maps, so the scenario's `annotations: {}` is gone from a stored
    /// Deployment: `add` creates the missing parent objects, as an overrider written against the
    /// YAML expects.
    @Test func addCreatesMissingParentObjects() throws {
        let result = try applying(
            #"{"jsonpatch": [{"operator": "add", "path": "/status/conditions~1x/deep", "value": 1}]}"#)
        #expect(try JSONPointer(parsing: "/status/conditions~1x/deep").resolve(in: result) == 1)
    }

    @Test(arguments: [
        (#"{"operator": "replace", "path": "/spec/template/spec/nodeSelector", "value": {}}"#,
         "replace /spec/template/spec/nodeSelector: path does not exist"),
        (#"{"operator": "remove", "path": "/metadata/labels/absent"}"#, "remove /metadata/labels/absent: path does not exist"),
        (#"{"operator": "add", "path": "/spec/replicas/x", "value": 1}"#,
         "add /spec/replicas/x: /spec/replicas is an integer, not an object or array"),
        (#"{"operator": "test", "path": "/spec/replicas", "value": 4}"#,
         "test /spec/replicas: test failed: expected 4, found 3"),
    ])
    func aFailingOperationIsAnErrorNamingItsOperatorAndPath(_ overrider: String, _ message: String) throws {
        let error = try overrideError(#"{"jsonpatch": [{"operator": "add", "path": "/metadata/labels/ok", "value": "1"}, \#(overrider)]}"#)
        #expect(error?.overrider == .jsonpatch)
        #expect(error?.index == 1)
        #expect(error?.message == message)
    }

    @Test(arguments: [
        (#"{"operator": "move", "path": "/a", "from": "/b"}"#, "operator",
         #"move needs a "from" pointer, which a jsonpatch overrider cannot carry: use remove and add"#),
        (#"{"operator": "copy", "path": "/a"}"#, "operator",
         #"copy needs a "from" pointer, which a jsonpatch overrider cannot carry: use remove and add"#),
        (#"{"operator": "merge", "path": "/a", "value": 1}"#, "operator",
         #"unsupported operator "merge": must be one of add, remove, replace, test"#),
        (#"{"operator": "add", "value": 1}"#, "path", "required field is missing"),
        (#"{"operator": "add", "path": "", "value": 1}"#, "path", "must not be empty"),
        (#"{"operator": "add", "path": "spec/replicas", "value": 1}"#, "path",
         #"invalid JSON pointer "spec/replicas": must be empty or start with "/""#),
        (#"{"operator": "add", "path": "/a~2b", "value": 1}"#, "path",
         #"invalid JSON pointer "/a~2b": "~" must be followed by "0" or "1""#),
        (#"{"operator": "add", "path": "/a"}"#, "value", "required field is missing: add needs a value"),
        (#"{"path": "/a"}"#, "value", "required field is missing: replace needs a value"),
    ])
    func decodingErrorsNameTheField(_ overrider: String, _ field: String, _ message: String) throws {
        let error = #expect(throws: PolicyError.self) { try overridePolicy(overriders: #"{"jsonpatch": [\#(overrider)]}"#) }
        #expect(error?.field == "spec.overrideRules[0].overriders.jsonpatch[0].\(field)")
        #expect(error?.message == message)
    }

    @Test func aFailingPatchLeavesNothingHalfDone() throws {
        let policy = try overridePolicy(
            rules: """
                [{"overriders": {"jsonpatch": [{"operator": "add", "path": "/metadata/labels/first", "value": "1"},
                                               {"operator": "remove", "path": "/absent"}]}}]
                """)
        let object = try json(sampleDeployment)
        #expect(throws: OverrideError.self) {
            try Overrides.apply(clusterPolicy: nil, policy: policy, to: object, cluster: ClusterIdentity(name: "m"))
        }
        #expect(object[path: ["metadata", "labels", "first"]] == nil)
    }
}
