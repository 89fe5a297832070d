import KubeObjects
import Testing

@testable import Placement

@Suite struct OverridePolicyDecodingTests {
    @Test func anOverridePolicyWithEveryOverriderDecodesWithItsValues() throws {
        let policy = try overridePolicy(
            rules: """
                [{"targetClusters": {"clusters": ["member-1", "member-2"], "clusterSelector": {"vendor": "nvidia"},
                                     "clusterAffinity": [{"matchExpressions": [{"key": "region", "operator": "In", "values": ["us-east"]}]}]},
                  "overriders": {
                    "image": [{"containerNames": ["main"], "operations": [{"imageComponent": "Registry", "operator": "overwrite", "value": "registry.us-east.example"}]}],
                    "command": [{"containerName": "main", "operator": "append", "value": ["--fast"]}],
                    "args": [{"containerName": "main", "operator": "overwrite", "value": ["--gpus=all"]}],
                    "envs": [{"containerName": "main", "operator": "addIfAbsent", "value": [{"name": "CUDA_VISIBLE_DEVICES", "value": "0"}]}],
                    "annotations": [{"operator": "addIfAbsent", "value": {"team": "ml"}}],
                    "labels": [{"operator": "delete", "value": {"tier": ""}}],
                    "jsonpatch": [{"operator": "replace", "path": "/spec/template/spec/nodeSelector", "value": {"gpu": "true"}}]}},
                 {}]
                """)
        #expect(policy.reference == ObjectReference(kind: "OverridePolicy", namespace: "default", name: "test"))
        #expect(policy.overrideRules.count == 2)
        let rule = policy.overrideRules[0]
        #expect(
            rule.targetClusters
                == TargetClusters(
                    clusters: ["member-1", "member-2"], clusterSelector: ["vendor": "nvidia"],
                    clusterAffinity: [
                        ClusterSelectorTerm(matchExpressions: [.init(key: "region", operator: .in, values: ["us-east"])])
                    ]))
        #expect(
            rule.overriders.image == [
                ImageOverrider(
                    containerNames: ["main"],
                    operations: [.init(imageComponent: .registry, operator: .overwrite, value: "registry.us-east.example")])
            ])
        #expect(rule.overriders.command == [EntrypointOverrider(containerName: "main", operator: .append, value: ["--fast"])])
        #expect(rule.overriders.args == [EntrypointOverrider(containerName: "main", operator: .overwrite, value: ["--gpus=all"])])
        #expect(
            rule.overriders.envs == [
                EnvOverrider(containerName: "main", operator: .addIfAbsent, value: [EnvVar(name: "CUDA_VISIBLE_DEVICES", value: "0")])
            ])
        #expect(rule.overriders.annotations == [StringMapOverrider(operator: .addIfAbsent, value: ["team": "ml"])])
        #expect(rule.overriders.labels == [StringMapOverrider(operator: .delete, value: ["tier": ""])])
        #expect(
            rule.overriders.jsonpatch == [
                JSONPatchOverrider(
                    operator: .replace, path: JSONPointer(tokens: ["spec", "template", "spec", "nodeSelector"]),
                    value: ["gpu": "true"])
            ])
        #expect(policy.overrideRules[1] == OverrideRule())
    }

    @Test(arguments: [#""operator": "overwrite","#, "", #""operator": "","#, #""operator": null,"#])
    func imageEnvAnnotationAndLabelOperatorsDefaultToOverwrite(_ operatorField: String) throws {
        let policy = try overridePolicy(
            overriders: """
                {"image": [{"operations": [{\(operatorField) "imageComponent": "Tag", "value": "2"}]}],
                 "envs": [{\(operatorField) "containerName": "main", "value": [{"name": "A", "value": "3"}]}],
                 "annotations": [{\(operatorField) "value": {"a": "b"}}],
                 "labels": [{\(operatorField) "value": {"c": "d"}}]}
                """)
        let overriders = policy.overrideRules[0].overriders
        #expect(overriders.image[0].operations[0].operator == .overwrite)
        #expect(overriders.envs[0].operator == .overwrite)
        #expect(overriders.annotations[0].operator == .overwrite)
        #expect(overriders.labels[0].operator == .overwrite)
    }

    @Test(arguments: ["command", "args"], [#""operator": "","#, ""])
    func commandAndArgsHaveNoDefaultOperator(_ kind: String, _ operatorField: String) throws {
        let error = #expect(throws: PolicyError.self) {
            try overridePolicy(overriders: #"{"\#(kind)": [{\#(operatorField) "containerName": "main", "value": ["x"]}]}"#)
        }
        #expect(error?.field == "spec.overrideRules[0].overriders.\(kind)[0].operator")
        #expect(error?.message == #"unsupported operator "": must be one of append, overwrite, delete"#)
    }

    @Test func aClusterOverridePolicyIsClusterScopedAndIgnoresANamespace() throws {
        let policy = try ClusterOverridePolicy.decode(
            json(
                """
                {"apiVersion": "core.kubeadmiral.io/v1alpha1", "kind": "ClusterOverridePolicy",
                 "metadata": {"name": "gpu", "namespace": "ignored"}, "spec": {}}
                """))
        #expect(policy == ClusterOverridePolicy(name: "gpu", overrideRules: []))
        #expect(policy.reference.description == "ClusterOverridePolicy gpu")
    }

    @Test(arguments: [
        (
            #"{"apiVersion": "core.kubeadmiral.io/v1beta1", "kind": "OverridePolicy", "metadata": {"name": "p", "namespace": "ns"}, "spec": {}}"#,
            #"OverridePolicy ns/p: apiVersion: expected "core.kubeadmiral.io/v1alpha1", got "core.kubeadmiral.io/v1beta1""#
        ),
        (
            #"{"apiVersion": "core.kubeadmiral.io/v1alpha1", "kind": "PropagationPolicy", "metadata": {"name": "p", "namespace": "ns"}, "spec": {}}"#,
            #"OverridePolicy ns/p: kind: expected "OverridePolicy", got "PropagationPolicy""#
        ),
        (
            #"{"apiVersion": "core.kubeadmiral.io/v1alpha1", "kind": "OverridePolicy", "metadata": {"namespace": "ns"}, "spec": {}}"#,
            "OverridePolicy ns/<unnamed>: metadata.name: required field is missing"
        ),
        (
            #"{"apiVersion": "core.kubeadmiral.io/v1alpha1", "kind": "OverridePolicy", "metadata": {"name": "p"}, "spec": {}}"#,
            "OverridePolicy p: metadata.namespace: required field is missing"
        ),
        (
            #"{"apiVersion": "core.kubeadmiral.io/v1alpha1", "kind": "OverridePolicy", "metadata": {"name": "p", "namespace": "ns"}}"#,
            "OverridePolicy ns/p: spec: required field is missing"
        ),
        (
            #"{"apiVersion": "core.kubeadmiral.io/v1alpha1", "kind": "OverridePolicy", "metadata": {"name": "p", "namespace": "ns"}, "spec": {"overrideRules": {}}}"#,
            "OverridePolicy ns/p: spec.overrideRules: expected an array, got an object"
        ),
        (#"[]"#, "OverridePolicy <unnamed>: expected an object, got an array"),
    ])
    func headerErrorsNameTheObjectAndTheField(_ document: String, _ expected: String) throws {
        let error = #expect(throws: PolicyError.self) { try OverridePolicy.decode(json(document)) }
        #expect(error?.description == expected)
    }

    @Test(arguments: [
        (
            #"{"image": [{"imagePath": "spec/template/spec/containers/0/image", "operations": []}]}"#,
            "image[0].imagePath",
            #"must start with /, as a JSON pointer does ("spec/template/spec/containers/0/image")"#
        ),
        (
            #"{"image": [{"imagePath": "/a~", "operations": []}]}"#, "image[0].imagePath",
            #"invalid JSON pointer "/a~": "~" must be followed by "0" or "1""#
        ),
        (#"{"image": [{"containerNames": ["main"]}]}"#, "image[0].operations", "required field is missing"),
        (
            #"{"image": [{"operations": [{"value": "x"}]}]}"#, "image[0].operations[0].imageComponent",
            "required field is missing"
        ),
        (
            #"{"image": [{"operations": [{"imageComponent": "tag"}]}]}"#, "image[0].operations[0].imageComponent",
            #"unsupported image component "tag": must be one of Registry, Repository, Tag, Digest"#
        ),
        (
            #"{"image": [{"operations": [{"imageComponent": "Tag", "operator": "replace"}]}]}"#,
            "image[0].operations[0].operator",
            #"unsupported operator "replace": must be one of addIfAbsent, overwrite, delete"#
        ),
        (
            #"{"command": [{"containerName": "main", "operator": "prepend", "value": ["x"]}]}"#, "command[0].operator",
            #"unsupported operator "prepend": must be one of append, overwrite, delete"#
        ),
        (#"{"args": [{"operator": "append", "value": ["x"]}]}"#, "args[0].containerName", "required field is missing"),
        (#"{"args": [{"containerName": "main", "operator": "append"}]}"#, "args[0].value", "required field is missing"),
        (
            #"{"args": [{"containerName": "main", "operator": "append", "value": ["x", 1]}]}"#, "args[0].value[1]",
            "expected a string, got an integer"
        ),
        (#"{"envs": [{"containerName": "main"}]}"#, "envs[0].value", "required field is missing"),
        (#"{"envs": [{"containerName": "main", "value": [{"value": "1"}]}]}"#, "envs[0].value[0].name", "required field is missing"),
        (
            #"{"envs": [{"containerName": "main", "operator": "append", "value": []}]}"#, "envs[0].operator",
            #"unsupported operator "append": must be one of addIfAbsent, overwrite, delete"#
        ),
        (#"{"annotations": [{"operator": "delete"}]}"#, "annotations[0].value", "required field is missing"),
        (#"{"labels": [{"value": {"a": 1}}]}"#, "labels[0].value[a]", "expected a string, got an integer"),
        (#"{"labels": {"value": {}}}"#, "labels", "expected an array, got an object"),
        (#"{"image": ["main"]}"#, "image[0]", "expected an object, got a string"),
        (#"{"image": [{"operations": [1]}]}"#, "image[0].operations[0]", "expected an object, got an integer"),
        (#"{"command": [[]]}"#, "command[0]", "expected an object, got an array"),
        (#"{"envs": [true]}"#, "envs[0]", "expected an object, got a boolean"),
        (#"{"annotations": ["a=b"]}"#, "annotations[0]", "expected an object, got a string"),
        (#"{"jsonpatch": ["/a"]}"#, "jsonpatch[0]", "expected an object, got a string"),
    ])
    func overriderErrorsNameTheFieldPath(_ overriders: String, _ field: String, _ message: String) throws {
        let error = #expect(throws: PolicyError.self) { try overridePolicy(overriders: overriders) }
        #expect(error?.object == ObjectReference(kind: "OverridePolicy", namespace: "default", name: "test"))
        #expect(error?.field == "spec.overrideRules[0].overriders.\(field)")
        #expect(error?.message == message)
    }

    @Test(arguments: [
        (#"{"clusterSelector": {"bad key!": "x"}}"#, "clusterSelector", "invalid label key"),
        (#"{"clusterSelector": {"Example.com/gpu": "x"}}"#, "clusterSelector", "invalid label key"),
        (#"{"clusterSelector": {"gpu": "not valid"}}"#, "clusterSelector.gpu", "invalid label value"),
        (#"{"clusters": "member-1"}"#, "clusters", "expected an array"),
        (#""member-1""#, "", "expected an object"),
        (
            #"{"clusterAffinity": [{"matchExpressions": [{"key": "gpu", "operator": "Like", "values": []}]}]}"#,
            "clusterAffinity[0].matchExpressions[0].operator", "unsupported operator"
        ),
    ])
    func targetClusterErrorsNameTheFieldPath(_ targetClusters: String, _ field: String, _ message: String) throws {
        let error = #expect(throws: PolicyError.self) {
            try overridePolicy(rules: #"[{"targetClusters": \#(targetClusters)}]"#)
        }
        #expect(error?.field == (field.isEmpty ? "spec.overrideRules[0].targetClusters" : "spec.overrideRules[0].targetClusters.\(field)"))
        #expect(error?.message.hasPrefix(message) == true)
    }

    @Test(arguments: ["gpu", "example.com/gpu", "a.b-c/d_e.f", "kubernetes.io/hostname"])
    func validClusterSelectorKeysAreAccepted(_ key: String) throws {
        let policy = try overridePolicy(rules: #"[{"targetClusters": {"clusterSelector": {"\#(key)": "v-1.0_x"}}}]"#)
        #expect(policy.overrideRules[0].targetClusters?.clusterSelector == [key: "v-1.0_x"])
    }
}
