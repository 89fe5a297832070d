import Federation
import KubeObjects
import Placement
import Testing

/// The CustomResourceDefinitions in `manifests/crds/`: names and scopes as KubeAdmiral declares
/// them (docs/api-reference.md), structural schemas, enums that are exactly the values Placement
/// accepts, and printer columns that point at real fields.
@Suite struct CRDStructureTests {
    /// kind → (plural, short name, scope) from KubeAdmiral's CRD inventory.
    static let inventory: [String: (plural: String, shortName: String, scope: String)] = [
        "PropagationPolicy": ("propagationpolicies", "pp", "Namespaced"),
        "ClusterPropagationPolicy": ("clusterpropagationpolicies", "cpp", "Cluster"),
        "OverridePolicy": ("overridepolicies", "op", "Namespaced"),
        "ClusterOverridePolicy": ("clusteroverridepolicies", "cop", "Cluster"),
        "FederatedCluster": ("federatedclusters", "fcluster", "Cluster"),
    ]

    @Test func theFiveKindsAreDeclaredWithKubeAdmiralsNamesScopesAndStatusSubresource() throws {
        let crds = try RepositoryFiles.crds()
        #expect(Set(crds.keys) == Set(Self.inventory.keys))
        for (kind, expected) in Self.inventory {
            let crd = try #require(crds[kind])
            #expect(crd.name == "\(expected.plural).core.kubeadmiral.io")
            #expect(crd.group == "core.kubeadmiral.io" && crd.plural == expected.plural)
            #expect(crd.shortNames == [expected.shortName], "\(kind)")
            #expect(crd.scope == expected.scope, "\(kind)")
            #expect(crd.version["name"] == "v1alpha1" && crd.version["served"] == true && crd.version["storage"] == true)
            #expect(crd.hasStatusSubresource, "\(kind) has no status subresource")
        }
    }

    @Test func everySchemaIsStructuralAndUsesOnlyKnownKeywords() throws {
        for crd in try RepositoryFiles.crds().values {
            let problems = StructuralSchemaCheck.problems(in: crd)
            #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
        }
    }

    /// The checker itself must catch the mistakes it exists for, or the test above proves nothing.
    @Test func theStructuralCheckCatchesATypoAMissingTypeAndABadDefault() throws {
        let schema: JSONValue = [
            "type": "object",
            "properties": [
                "spec": [
                    "type": "object", "requried": ["mode"],
                    "properties": [
                        "mode": ["type": "string", "enum": ["A", "B"], "default": "C"],
                        "free": ["description": "no type"],
                    ],
                ]
            ],
        ]
        let crd = try CRD([
            "metadata": ["name": "things.example.io"],
            "spec": ["names": ["kind": "Thing"], "versions": [["name": "v1", "schema": ["openAPIV3Schema": schema]]]],
        ])
        let problems = StructuralSchemaCheck.problems(in: crd).joined(separator: "\n")
        #expect(problems.contains("spec: unknown schema keyword \"requried\""))
        #expect(problems.contains("spec.free: no type"))
        #expect(problems.contains("spec.mode: default \"C\": \"C\" is not one of [\"A\",\"B\"]"))
    }

    @Test func theClusterScopedPoliciesHaveTheSameSchemasAsTheNamespacedOnes() throws {
        let crds = try RepositoryFiles.crds()
        for (namespaced, clusterScoped) in [("PropagationPolicy", "ClusterPropagationPolicy"), ("OverridePolicy", "ClusterOverridePolicy")] {
            let one = try #require(crds[namespaced]), other = try #require(crds[clusterScoped])
            for field in ["spec", "status"] {
                #expect(one.schema.property(field)?.json == other.schema.property(field)?.json, "\(clusterScoped).\(field)")
            }
            #expect(one.printerColumns.map(\.jsonPath) == other.printerColumns.map(\.jsonPath))
        }
    }

    /// Each enum in a schema, by the field it constrains, against Placement's own list.
    @Test func enumsAreExactlyTheValuesPlacementAccepts() throws {
        let crds = try RepositoryFiles.crds()
        let policy = try #require(crds["PropagationPolicy"]).schema
        let overrides = try #require(crds["OverridePolicy"]).schema
        let cluster = try #require(crds["FederatedCluster"]).schema
        let requirementOperators = ClusterSelectorRequirement.Operator.allCases.map(\.rawValue)
        let expected: [(SchemaNode, String, [String])] = [
            (policy, "spec.schedulingMode", SchedulingMode.allCases.map(\.rawValue)),
            (policy, "spec.replicasStrategy", ReplicasStrategy.allCases.map(\.rawValue)),
            (policy, "spec.clusterAffinity[].matchExpressions[].operator", requirementOperators),
            (policy, "spec.clusterAffinity[].matchFields[].operator", requirementOperators),
            (overrides, "spec.overrideRules[].targetClusters.clusterAffinity[].matchExpressions[].operator", requirementOperators),
            (overrides, "spec.overrideRules[].overriders.image[].operations[].imageComponent", ImageOperation.Component.allCases.map(\.rawValue)),
            (overrides, "spec.overrideRules[].overriders.image[].operations[].operator", OverrideOperator.allCases.map(\.rawValue)),
            (overrides, "spec.overrideRules[].overriders.command[].operator", EntrypointOverrider.Operator.allCases.map(\.rawValue)),
            (overrides, "spec.overrideRules[].overriders.args[].operator", EntrypointOverrider.Operator.allCases.map(\.rawValue)),
            (overrides, "spec.overrideRules[].overriders.envs[].operator", OverrideOperator.allCases.map(\.rawValue)),
            (overrides, "spec.overrideRules[].overriders.labels[].operator", OverrideOperator.allCases.map(\.rawValue)),
            (cluster, "spec.taints[].effect", Taint.Effect.allCases.map(\.rawValue)),
            (cluster, "status.conditions[].status", ClusterCondition.Status.allCases.map(\.rawValue)),
        ]
        for (root, path, values) in expected {
            let node = try #require(root.subtree.first { $0.path == path }, "no field \(path)")
            let declared = (node.enumValues ?? []).compactMap(\.stringValue)
            #expect(Set(declared) == Set(values), "\(path): the CRD allows \(declared), Placement \(values)")
        }
    }

    @Test func printerColumnsShowModeStrategyAndClusterHealthFromDeclaredFields() throws {
        let crds = try RepositoryFiles.crds()
        let policy = try #require(crds["PropagationPolicy"])
        #expect(policy.printerColumns.map(\.name) == ["Mode", "Strategy", "Max-Clusters", "Age"])
        let cluster = try #require(crds["FederatedCluster"])
        #expect(cluster.printerColumns.map(\.name) == ["Ready", "Joined", "API-Endpoint", "Age"])
        #expect(cluster.printerColumns[0].jsonPath == ".status.conditions[?(@.type=='Ready')].status")
        #expect(cluster.printerColumns[1].jsonPath == ".status.conditions[?(@.type=='Joined')].status")
        // An override policy's fields are all inside its list of rules, of which a column would
        // show the first match only: Age, and nothing that would show one rule as if it were all.
        for kind in ["OverridePolicy", "ClusterOverridePolicy"] {
            let overrides = try #require(crds[kind])
            #expect(overrides.printerColumns.map(\.name) == ["Age"], "\(kind)")
        }
        for crd in crds.values {
            // Every kind declares its columns, and Age comes last, as kubectl's default table has it.
            #expect(crd.printerColumns.last?.name == "Age", "\(crd.kind)")
            #expect(crd.printerColumns.last?.jsonPath == ".metadata.creationTimestamp", "\(crd.kind)")
            #expect(crd.printerColumns.last?.type == "date", "\(crd.kind)")
            for column in crd.printerColumns {
                #expect(StructuralSchemaCheck.resolves(column.jsonPath, in: crd.schema), "\(crd.kind) column \(column.name): \(column.jsonPath)")
                #expect(["string", "integer", "number", "boolean", "date"].contains(column.type), "\(crd.kind) column \(column.name)")
            }
        }
    }

    @Test func theInProcessHostDeclaresTheSameKindsAndPrinterColumnsAsTheManifests() throws {
        let crds = try RepositoryFiles.crds()
        let inProcess = KubeAdmiralDefinitions.all
        #expect(inProcess.count == crds.count)
        for definition in inProcess {
            let kind = definition[path: ["spec", "names", "kind"]]?.stringValue ?? ""
            let manifest = try #require(crds[kind], "\(kind) has no manifest")
            #expect(definition[path: ["metadata", "name"]]?.stringValue == manifest.name)
            #expect(definition[path: ["spec", "scope"]]?.stringValue == manifest.scope, "\(kind)")
            let version = definition[path: ["spec", "versions"]]?[0]
            // Every field of every column: name, type, description, jsonPath, priority.
            #expect(version?["additionalPrinterColumns"] == manifest.version["additionalPrinterColumns"], "\(kind)")
        }
    }

    /// `podUnschedulableFor` carries `format: duration`, which on its own lets through `1d`,
    /// `2 weeks` and `-5m` (seen on kube-apiserver 1.20); the CRD's pattern must let through
    /// exactly the durations Placement accepts, as Go's time.ParseDuration would.
    @Test(arguments: [
        "1m", "90s", "1h30m", "1.5h", ".5s", "1.m", "0", "+2m", "500ms", "10us", "1µs", "2h45m30.5s",
        "-0", "-0s", "-0.0m1s", "1d", "2 weeks", "-5m", "-0.1s", "abc", "", "1", "m", ".s", "1.2.3s", "1m ", "1M",
    ])
    func theDurationPatternAcceptsWhatPlacementAccepts(text: String) throws {
        let crd = try #require(try RepositoryFiles.crds()["PropagationPolicy"])
        let field = try #require(crd.schema.subtree.first { $0.path == "spec.autoMigration.when.podUnschedulableFor" })
        let pattern = try Regex(try #require(field.json["pattern"]?.stringValue))
        var policy = crd.minimalObject()
        policy["spec"] = ["schedulingMode": "Divide", "autoMigration": ["when": ["podUnschedulableFor": .string(text)]]]
        let placementAccepts = (try? PropagationPolicy.decode(policy)) != nil
        #expect((text.firstMatch(of: pattern) != nil) == placementAccepts, "\"\(text)\": Placement \(placementAccepts ? "accepts" : "refuses") it")
    }

    /// Policies are named in label values, which hold at most 63 characters.
    @Test func propagationPolicyNamesAreLimitedTo63Characters() throws {
        for kind in ["PropagationPolicy", "ClusterPropagationPolicy"] {
            let crd = try #require(try RepositoryFiles.crds()[kind])
            #expect(crd.schema.property("metadata")?.property("name")?.json["maxLength"] == 63, "\(kind)")
        }
    }
}
