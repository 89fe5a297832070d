import KubeObjects
import Placement
import Testing

/// The CRD defaults and Placement's decode defaults must say the same thing: on a cluster the API
/// server fills in the CRD's `default:` values before the controller reads an object, while
/// `flotilla plan` reads files and applies Placement's defaults itself. If the two disagreed,
/// a policy would mean one thing in a file and another once applied.
///
/// For each defaulted field, a minimal object that reaches it is decoded twice, as written and
/// after `SchemaNode.applyingDefaults` (the server's structural defaulting, nested defaults
/// included); the two decodings must be equal. `make e2e-manifests` checks on a real
/// kube-apiserver that the server applies the defaults this way.
@Suite struct CRDDefaultsTests {
    /// What Placement makes of an object of each policy kind, in a comparable form.
    static let decoders: [String: @Sendable (JSONValue) throws -> AnyHashable] = [
        "PropagationPolicy": { AnyHashable(try PropagationPolicy.decode($0).spec) },
        "ClusterPropagationPolicy": { AnyHashable(try ClusterPropagationPolicy.decode($0).spec) },
        "OverridePolicy": { AnyHashable(try OverridePolicy.decode($0)) },
        "ClusterOverridePolicy": { AnyHashable(try ClusterOverridePolicy.decode($0)) },
    ]

    /// The defaults KubeAdmiral's CRDs declare (docs/api-reference.md), field → value.
    static let propagationPolicyDefaults: [String: JSONValue] = [
        "spec.replicasStrategy": "Spread",
        "spec.autoMigration.when": ["podUnschedulableFor": "1m"],
        "spec.autoMigration.keepUnschedulableReplicas": false,
        "spec.reschedulePolicy": ["rescheduleWhen": ["policyContentChanged": true]],
        "spec.reschedulePolicy.rescheduleWhen.policyContentChanged": true,
        "spec.reschedulePolicy.rescheduleWhen.clusterJoined": false,
        "spec.reschedulePolicy.rescheduleWhen.clusterLabelsChanged": false,
        "spec.reschedulePolicy.rescheduleWhen.clusterAPIResourcesChanged": false,
        "spec.reschedulePolicy.replicaRescheduling": [:],
        "spec.reschedulePolicy.replicaRescheduling.avoidDisruption": true,
    ]
    static let overridePolicyDefaults: [String: JSONValue] = [
        "spec.overrideRules[].overriders.image[].operations[].operator": "overwrite",
        "spec.overrideRules[].overriders.envs[].operator": "overwrite",
        "spec.overrideRules[].overriders.annotations[].operator": "overwrite",
        "spec.overrideRules[].overriders.labels[].operator": "overwrite",
    ]

    static func defaultedNodes(_ crd: CRD) -> [SchemaNode] {
        crd.schema.subtree.filter { $0.defaultValue != nil }
    }

    @Test func theCRDsDefaultExactlyTheFieldsKubeAdmiralDefaults() throws {
        let crds = try RepositoryFiles.crds()
        let expected: [String: [String: JSONValue]] = [
            "PropagationPolicy": Self.propagationPolicyDefaults, "ClusterPropagationPolicy": Self.propagationPolicyDefaults,
            "OverridePolicy": Self.overridePolicyDefaults, "ClusterOverridePolicy": Self.overridePolicyDefaults,
            "FederatedCluster": [:],
        ]
        for (kind, defaults) in expected {
            let crd = try #require(crds[kind])
            var declared: [String: JSONValue] = [:]
            for node in Self.defaultedNodes(crd) { declared[node.path] = node.defaultValue }
            #expect(declared == defaults, "\(kind)")
        }
    }

    @Test(arguments: ["PropagationPolicy", "ClusterPropagationPolicy", "OverridePolicy", "ClusterOverridePolicy"])
    func placementDecodesEachDefaultedFieldLeftOutAsTheCRDDefault(kind: String) throws {
        let crd = try #require(try RepositoryFiles.crds()[kind])
        let decode = try #require(Self.decoders[kind])
        let nodes = Self.defaultedNodes(crd)
        #expect(!nodes.isEmpty)
        for node in nodes {
            let written = crd.schema.instance(crd.minimalObject(), reaching: node.steps[...])
            let defaulted = crd.schema.applyingDefaults(to: written)
            // The field was left out and the server would write it, so the two inputs differ...
            #expect(written.canonicalJSONString != defaulted.canonicalJSONString, "\(kind) \(node.path): defaulting changed nothing")
            // ...and Placement must read them the same.
            let asWritten = try decode(written)
            let asDefaulted = try decode(defaulted)
            #expect(asWritten == asDefaulted, "\(kind) \(node.path): Placement reads \(written.jsonString) as \(asWritten), but the API server would store \(defaulted.jsonString), read as \(asDefaulted)")
        }
    }

    /// The defaults only fill what is missing: a field written as the opposite of its default
    /// keeps its value, in the defaulting and in Placement.
    @Test func aWrittenValueWinsOverTheDefault() throws {
        let crd = try #require(try RepositoryFiles.crds()["PropagationPolicy"])
        var object = crd.minimalObject()
        object["spec"] = [
            "schedulingMode": "Divide", "replicasStrategy": "Binpack",
            "reschedulePolicy": ["replicaRescheduling": ["avoidDisruption": false]],
            "autoMigration": ["keepUnschedulableReplicas": true],
        ]
        let defaulted = crd.schema.applyingDefaults(to: object)
        #expect(defaulted[path: ["spec", "replicasStrategy"]] == "Binpack")
        #expect(defaulted[path: ["spec", "reschedulePolicy", "replicaRescheduling", "avoidDisruption"]] == false)
        // A present reschedulePolicy gets no rescheduleWhen: that field has no default of its own.
        #expect(defaulted[path: ["spec", "reschedulePolicy", "rescheduleWhen"]] == nil)
        #expect(defaulted[path: ["spec", "autoMigration", "when", "podUnschedulableFor"]] == "1m")
        let spec = try PropagationPolicy.decode(defaulted).spec
        #expect(spec == (try PropagationPolicy.decode(object).spec))
        #expect(spec.replicasStrategy == .binpack && !spec.reschedulePolicy.avoidDisruption)
        #expect(spec.reschedulePolicy.rescheduleWhen == nil)
        #expect(spec.autoMigration == AutoMigration(podUnschedulableFor: .seconds(60), keepUnschedulableReplicas: true))
    }

    /// The reference scenario's policies mean the same before and after the API server stores them.
    @Test func theScenarioPoliciesReadTheSameAfterDefaulting() throws {
        let crds = try RepositoryFiles.crds()
        let policies = try RepositoryFiles.objects(inFile: RepositoryFiles.scenario.appendingPathComponent("policies.yaml"))
        #expect(policies.count == 3)
        for object in policies {
            let kind = try #require(object["kind"]?.stringValue)
            let crd = try #require(crds[kind]), decode = try #require(Self.decoders[kind])
            let defaulted = crd.schema.applyingDefaults(to: object)
            #expect(try decode(object) == decode(defaulted), "\(object[path: ["metadata", "name"]]?.stringValue ?? "?")")
        }
    }
}
