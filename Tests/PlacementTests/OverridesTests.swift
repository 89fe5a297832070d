import KubeObjects
import Testing

@testable import Placement

/// The entry point: which rules run for a cluster, and in which order.
@Suite struct OverridesTests {
    static let gpuCluster = ClusterIdentity(name: "member-1", labels: ["vendor": "nvidia", "region": "us-east", "gpus": "8"])

    @Test(arguments: [
        (nil, true),
        ("{}", true),
        (#"{"clusters": []}"#, true),
        (#"{"clusters": ["member-2", "member-1"]}"#, true),
        (#"{"clusters": ["member-2"]}"#, false),
        (#"{"clusterSelector": {"vendor": "nvidia"}}"#, true),
        (#"{"clusterSelector": {"vendor": "nvidia", "region": "eu"}}"#, false),
        (#"{"clusterAffinity": [{"matchExpressions": [{"key": "gpus", "operator": "Gt", "values": ["4"]}]}]}"#, true),
        (#"{"clusterAffinity": [{"matchExpressions": [{"key": "gpus", "operator": "Lt", "values": ["4"]}]}, {"matchFields": [{"key": "metadata.name", "operator": "In", "values": ["member-1"]}]}]}"#, true),
        (#"{"clusterAffinity": [{"matchExpressions": [{"key": "region", "operator": "NotIn", "values": ["us-east"]}]}]}"#, false),
        // All three criteria must match.
        (#"{"clusters": ["member-1"], "clusterSelector": {"vendor": "nvidia"}, "clusterAffinity": [{"matchExpressions": [{"key": "region", "operator": "Exists", "values": []}]}]}"#, true),
        (#"{"clusters": ["member-1"], "clusterSelector": {"vendor": "amd"}}"#, false),
        (#"{"clusters": ["member-1"], "clusterAffinity": [{"matchExpressions": [{"key": "region", "operator": "DoesNotExist", "values": []}]}]}"#, false),
        (#"{"clusterSelector": {"vendor": "nvidia"}, "clusterAffinity": [{"matchFields": [{"key": "metadata.name", "operator": "NotIn", "values": ["member-1"]}]}]}"#, false),
    ] as [(String?, Bool)])
    func aRuleTargetsAClusterThatMatchesAllItsCriteria(_ targetClusters: String?, _ expected: Bool) throws {
        let target = targetClusters.map { #""targetClusters": \#($0), "# } ?? ""
        let policy = try overridePolicy(rules: #"[{\#(target)"overriders": {"labels": [{"operator": "addIfAbsent", "value": {"hit": "yes"}}]}}]"#)
        #expect(policy.overrideRules[0].targets(Self.gpuCluster) == expected)
        let result = try Overrides.apply(clusterPolicy: nil, policy: policy, to: json(sampleDeployment), cluster: Self.gpuCluster)
        #expect((result[path: ["metadata", "labels", "hit"]] != nil) == expected)
    }

    @Test func laterRulesSeeEarlierRulesResultsAndSkippedRulesChangeNothing() throws {
        let policy = try overridePolicy(
            rules: """
                [{"overriders": {"labels": [{"operator": "addIfAbsent", "value": {"tier": "gpu"}}]}},
                 {"targetClusters": {"clusters": ["other"]}, "overriders": {"labels": [{"value": {"tier": "never"}}]}},
                 {"overriders": {"labels": [{"operator": "overwrite", "value": {"tier": "h100"}}]}}]
                """)
        let result = try Overrides.apply(clusterPolicy: nil, policy: policy, to: json(sampleDeployment), cluster: Self.gpuCluster)
        #expect(result[path: ["metadata", "labels"]] == ["app": "web", "tier": "h100"])
    }

    @Test func clusterOverridePolicyRulesRunBeforeOverridePolicyRules() throws {
        let clusterPolicy = try ClusterOverridePolicy.decode(
            json(
                """
                {"apiVersion": "core.kubeadmiral.io/v1alpha1", "kind": "ClusterOverridePolicy", "metadata": {"name": "cop"},
                 "spec": {"overrideRules": [{"overriders": {"labels": [{"operator": "addIfAbsent", "value": {"tier": "gpu"}}]}}]}}
                """))
        let policy = try overridePolicy(overriders: #"{"labels": [{"operator": "overwrite", "value": {"tier": "h100"}}]}"#)
        let both = try Overrides.apply(clusterPolicy: clusterPolicy, policy: policy, to: json(sampleDeployment), cluster: Self.gpuCluster)
        // Reversed, the overwrite would find nothing to overwrite and the add would win.
        #expect(both[path: ["metadata", "labels", "tier"]] == "h100")
        let clusterOnly = try Overrides.apply(clusterPolicy: clusterPolicy, policy: nil, to: json(sampleDeployment), cluster: Self.gpuCluster)
        #expect(clusterOnly[path: ["metadata", "labels", "tier"]] == "gpu")
    }

    /// One overrider of each kind that fails on the sample Deployment.
    static let failing: [OverrideError.Overrider: String] = [
        .image: #"{"operations": [{"imageComponent": "Tag", "value": ".bad"}]}"#,
        .command: #"{"containerName": "main", "operator": "append", "value": []}"#,
        .args: #"{"containerName": "main", "operator": "append", "value": []}"#,
        .envs: #"{"containerName": "main", "operator": "addIfAbsent", "value": []}"#,
        .annotations: #"{"operator": "addIfAbsent", "value": {}}"#,
        .labels: #"{"operator": "addIfAbsent", "value": {}}"#,
        .jsonpatch: #"{"operator": "remove", "path": "/absent"}"#,
    ]

    /// The fixed order shows in which failure is reported when two kinds fail: the earlier
    /// kind's, even when the YAML lists the later kind first.
    @Test(arguments: [
        (OverrideError.Overrider.image, OverrideError.Overrider.command), (.command, .args), (.args, .envs),
        (.envs, .annotations), (.annotations, .labels), (.labels, .jsonpatch),
    ])
    func overridersRunInKubeAdmiralsFixedOrder(_ earlier: OverrideError.Overrider, _ later: OverrideError.Overrider) throws {
        let overriders = #"{"\#(later.rawValue)": [\#(Self.failing[later]!)], "\#(earlier.rawValue)": [\#(Self.failing[earlier]!)]}"#
        #expect(try overrideError(overriders)?.overrider == earlier)
    }

    /// jsonpatch runs last: its `test` operations see every other overrider's result, and a
    /// labels `overwrite` finds nothing to overwrite because the patch's label is not there yet.
    @Test func jsonpatchSeesTheResultsOfEveryOtherOverrider() throws {
        let result = try applying(
            """
            {"jsonpatch": [
               {"operator": "test", "path": "/spec/template/spec/containers/0/image", "value": "reg.example.com/team/app:2.0"},
               {"operator": "test", "path": "/spec/template/spec/containers/0/command", "value": ["/bin/app", "--fast"]},
               {"operator": "test", "path": "/spec/template/spec/containers/0/args", "value": ["--port=80"]},
               {"operator": "test", "path": "/spec/template/spec/containers/0/env/2", "value": {"name": "C", "value": "3"}},
               {"operator": "test", "path": "/metadata/annotations/team", "value": "gpu"},
               {"operator": "add", "path": "/metadata/labels/tier", "value": "from-jsonpatch"}],
             "labels": [{"operator": "overwrite", "value": {"tier": "from-labels"}}],
             "annotations": [{"operator": "overwrite", "value": {"team": "gpu"}}],
             "envs": [{"containerName": "main", "operator": "addIfAbsent", "value": [{"name": "C", "value": "3"}]}],
             "args": [{"containerName": "main", "operator": "delete", "value": ["-v"]}],
             "command": [{"containerName": "main", "operator": "append", "value": ["--fast"]}],
             "image": [{"containerNames": ["main"], "operations": [{"imageComponent": "Tag", "value": "2.0"}]}]}
            """)
        #expect(result[path: ["metadata", "labels", "tier"]] == "from-jsonpatch")
    }

    @Test func withNoPoliciesTheObjectIsUnchanged() throws {
        let object = try json(sampleDeployment)
        #expect(try Overrides.apply(clusterPolicy: nil, policy: nil, to: object, cluster: Self.gpuCluster) == object)
    }

    @Test func aFailureIsForTheClusterWhoseRuleFailedOnly() throws {
        let policy = try overridePolicy(
            rules: """
                [{"targetClusters": {"clusters": ["member-1"]}, "overriders": {"labels": [{"operator": "addIfAbsent", "value": {"tier": "gpu"}}]}},
                 {"targetClusters": {"clusters": ["member-2"]}, "overriders": {"labels": [{"operator": "addIfAbsent", "value": {"app": "clash"}}]}}]
                """)
        let object = try json(sampleDeployment)
        let first = try Overrides.apply(clusterPolicy: nil, policy: policy, to: object, cluster: ClusterIdentity(name: "member-1"))
        #expect(first[path: ["metadata", "labels", "tier"]] == "gpu")
        let error = #expect(throws: OverrideError.self) {
            try Overrides.apply(clusterPolicy: nil, policy: policy, to: object, cluster: ClusterIdentity(name: "member-2"))
        }
        #expect(
            error
                == OverrideError(
                    policy: policy.reference, cluster: "member-2", rule: 1, overrider: .labels, index: 0,
                    message: "addIfAbsent cannot add app: metadata.labels already has it"))
        #expect(
            error?.description
                == "OverridePolicy default/test: spec.overrideRules[1].overriders.labels[0]: cluster member-2: addIfAbsent cannot add app: metadata.labels already has it")
    }

    @Test func theInputObjectIsNeverChanged() throws {
        let object = try json(sampleDeployment)
        let copy = object
        let policy = try overridePolicy(
            overriders: """
                {"image": [{"operations": [{"imageComponent": "Tag", "value": "9"}]}],
                 "command": [{"containerName": "main", "operator": "append", "value": ["x"]}],
                 "envs": [{"containerName": "main", "operator": "delete", "value": [{"name": "A"}]}],
                 "labels": [{"operator": "addIfAbsent", "value": {"x": "1"}}]}
                """)
        let result = try Overrides.apply(clusterPolicy: nil, policy: policy, to: object, cluster: Self.gpuCluster)
        #expect(result != object)
        #expect(object == copy)
        #expect(object == (try json(sampleDeployment)))
    }

    @Test func editsKeepTheOrderOfTheObjectsKeys() throws {
        let result = try applying(
            #"{"image": [{"operations": [{"imageComponent": "Tag", "value": "9"}]}], "labels": [{"value": {"app": "x"}}]}"#)
        let expected = try json(sampleDeployment)
        #expect(result.objectValue?.keys == expected.objectValue?.keys)
        #expect(result[path: ["spec"]]?.objectValue?.keys == expected[path: ["spec"]]?.objectValue?.keys)
        #expect(result.container("main")?.objectValue?.keys == expected.container("main")?.objectValue?.keys)
    }
}
