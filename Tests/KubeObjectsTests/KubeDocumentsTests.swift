import Testing
@testable import KubeObjects

@Suite struct KubeDocumentsTests {
    @Test func readsAStreamOfObjectsAndUnwrapsLists() throws {
        let objects = try KubeDocuments.read("""
            apiVersion: v1
            kind: Namespace
            metadata: {name: gpu}
            ---
            # a file may end a document with nothing in it
            ---
            apiVersion: v1
            kind: List
            items:
            - apiVersion: v1
              kind: ConfigMap
              metadata: {name: a}
            - apiVersion: v1
              kind: ConfigMap
              metadata: {name: b}
            ---
            apiVersion: apps/v1
            kind: DeploymentList
            metadata: {resourceVersion: "12"}
            items:
            - {apiVersion: apps/v1, kind: Deployment, metadata: {name: web}}
            ---

            """, file: "stream.yaml")
        #expect(objects.map { $0["metadata"]?["name"] } == ["gpu", "a", "b", "web"])
        #expect(objects.map { $0["kind"] } == ["Namespace", "ConfigMap", "ConfigMap", "Deployment"])
    }

    @Test func keepsObjectsWhoseKindDoesNotEndInListEvenWithItems() throws {
        let objects = try KubeDocuments.read("kind: Playlist2\nitems: [a]\n---\nkind: List\nitems: not-a-list\n")
        #expect(objects.count == 2)
    }

    @Test func readsJSONWhenTheFirstCharacterOpensAnObjectOrArray() throws {
        let objects = try KubeDocuments.read("""

              {"kind": "List", "items": [{"kind": "Pod", "spec": {"on": "yes"}}]}
            """)
        #expect(objects == [["kind": "Pod", "spec": ["on": "yes"]]])
        #expect(try KubeDocuments.read("\u{FEFF}[1, 2]") == [[1, 2]])
    }

    @Test func jsonInputFollowsJSONRulesAndReportsJSONErrors() {
        // `{a: 1}` is flow YAML, but kubectl also reads anything starting with `{` as JSON.
        #expect(throws: SourceError(file: "x.json", line: 1, column: 2, message: "expected a string key")) {
            try KubeDocuments.read("{a: 1}", file: "x.json")
        }
    }

    @Test func yamlErrorsNameTheFile() {
        #expect(throws: SourceError(file: "dup.yaml", line: 3, column: 1, message: #"duplicate key "kind""#)) {
            try KubeDocuments.read("kind: A\nmetadata: {}\nkind: B\n", file: "dup.yaml")
        }
    }

    @Test func readsNothingFromAnEmptyOrCommentOnlyFile() throws {
        #expect(try KubeDocuments.read("") == [])
        #expect(try KubeDocuments.read("# nothing\n---\n") == [])
    }

    // MARK: The reference scenario (docs: multicloud-gpu-burst.md), exactly as users write it

    static let weightedPolicy = """
        apiVersion: core.kubeadmiral.io/v1alpha1
        kind: PropagationPolicy
        metadata:
          name: fed-pp-weight
          namespace: default
        spec:
          schedulingMode: Divide
          placement:
          - cluster: cclt81kqnjbeqedvbbt0g   # VKE-POC1
            preferences: {weight: 40, minReplicas: 2}
          - cluster: ccltbv1p1h4ho7pq6sugg   # VKE-POC2
            preferences: {weight: 40, minReplicas: 2}
          - cluster: cclt75bp1h4ho7pq6su9g   # ACK-POC
            preferences: {weight: 20, minReplicas: 2}
          reschedulePolicy:
            disableRescheduling: false
            replicaRescheduling:
              avoidDisruption: false
            rescheduleWhen:
              clusterAPIResourcesChanged: false
              clusterJoined: false
              clusterLabelsChanged: false
              policyContentChanged: true
          autoMigration:
            keepUnschedulableReplicas: true
            when:
              podUnschedulableFor: 2m
        """

    static let overridePolicy = """
        apiVersion: core.kubeadmiral.io/v1alpha1
        kind: OverridePolicy
        metadata:
          name: fed-op
          namespace: default
        spec:
          overrideRules:
          - overriders:
              jsonpatch:
              - operator: add
                path: /spec/template/metadata/annotations/vci.vke.volcengine.com~1preferred-instance-types
                value: vci.g1v.2xlarge
            targetClusters:
              clusters: [cclt81kqnjbeqedvbbt0g, ccltbv1p1h4ho7pq6sugg]
          - overriders:
              jsonpatch:
              - operator: add
                path: /spec/template/metadata/annotations/k8s.aliyun.com~1eci-use-specs
                value: ecs.gn5i-c2g1.large
            targetClusters:
              clusters: [cclt75bp1h4ho7pq6su9g]
        """

    static let deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: fed-dp-gpu
          namespace: default
          labels:
            kubeadmiral.io/propagation-policy-name: fed-pp-weight   # or fed-pp-priority
            kubeadmiral.io/override-policy-name: fed-op
        spec:
          replicas: 10
          selector:
            matchLabels: {app: gpu-demo}
          template:
            metadata:
              annotations: {}
              labels: {app: gpu-demo}
            spec:
              containers:
              - name: gpu-pod
                image: dcp-pre-cn-beijing.cr.volces.com/dcp/auto-gpu-burn:0.7
                command: [/bin/sh, -c, ./gpu_burn 3000]
                resources:
                  limits: {nvidia.com/gpu: "1"}
                  requests: {nvidia.com/gpu: "1"}
        """

    static let memberPolicy = """
        apiVersion: scheduling.vke.volcengine.com/v1beta1
        kind: ResourcePolicy
        metadata:
          name: vke-poc1-rp
          namespace: default
        spec:
          selector:
            app: gpu-demo
          strategy: prefer          # require | prefer
          subsets:
          - name: vci-pool          # elastic container instances
            type: vci
            maxReplicas: 2          # simulates "out of stock"
            nodeSelectorTerm:
            - key: type
              operator: In
              values: [virtual-kubelet]
        """

    @Test func readsTheWeightedPolicyWithFlowMapPreferencesAsIntegers() throws {
        let policy = try #require(try KubeDocuments.read(Self.weightedPolicy).first)
        let placement = try #require(policy["spec"]?["placement"]?.arrayValue)
        #expect(placement.map { $0["cluster"] } == ["cclt81kqnjbeqedvbbt0g", "ccltbv1p1h4ho7pq6sugg", "cclt75bp1h4ho7pq6su9g"])
        #expect(placement.map { $0["preferences"] } == [
            ["weight": 40, "minReplicas": 2], ["weight": 40, "minReplicas": 2], ["weight": 20, "minReplicas": 2],
        ])
        #expect(isInt(placement[0]["preferences"]?["weight"]))
        #expect(policy[path: ["spec", "reschedulePolicy", "rescheduleWhen", "policyContentChanged"]] == true)
        #expect(policy[path: ["spec", "autoMigration", "keepUnschedulableReplicas"]] == true)
        #expect(policy[path: ["spec", "autoMigration", "when", "podUnschedulableFor"]] == "2m")
    }

    @Test func readsOverridePathsWithTheirJSONPointerEscapesIntact() throws {
        let policy = try #require(try KubeDocuments.read(Self.overridePolicy).first)
        let rules = try #require(policy["spec"]?["overrideRules"]?.arrayValue)
        #expect(rules[0][path: ["overriders", "jsonpatch"]] == [[
            "operator": "add",
            "path": "/spec/template/metadata/annotations/vci.vke.volcengine.com~1preferred-instance-types",
            "value": "vci.g1v.2xlarge",
        ]])
        #expect(rules[0][path: ["targetClusters", "clusters"]] == ["cclt81kqnjbeqedvbbt0g", "ccltbv1p1h4ho7pq6sugg"])
        #expect(rules[1][path: ["targetClusters", "clusters"]] == ["cclt75bp1h4ho7pq6su9g"])
    }

    @Test func readsTheDeploymentWithAQuotedGPULimitAsAString() throws {
        let deployment = try #require(try KubeDocuments.read(Self.deployment).first)
        let container = try #require(deployment[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.first)
        #expect(container[path: ["resources", "limits", "nvidia.com/gpu"]] == .string("1"))
        #expect(container[path: ["resources", "requests", "nvidia.com/gpu"]] == .string("1"))
        #expect(container["command"] == ["/bin/sh", "-c", "./gpu_burn 3000"])
        #expect(container["image"] == "dcp-pre-cn-beijing.cr.volces.com/dcp/auto-gpu-burn:0.7")
        #expect(deployment[path: ["spec", "replicas"]] == .int(10))
        #expect(deployment[path: ["spec", "template", "metadata", "annotations"]] == .object(JSONObject()))
        #expect(deployment[path: ["metadata", "labels", "kubeadmiral.io/propagation-policy-name"]] == "fed-pp-weight")
    }

    @Test func readsTheMemberPolicyIgnoringTrailingComments() throws {
        let policy = try #require(try KubeDocuments.read(Self.memberPolicy).first)
        #expect(policy[path: ["spec", "strategy"]] == "prefer")
        let subset = try #require(policy[path: ["spec", "subsets"]]?.arrayValue?.first)
        #expect(subset["name"] == "vci-pool")
        #expect(subset["maxReplicas"] == 2)
        #expect(subset["nodeSelectorTerm"] == [["key": "type", "operator": "In", "values": ["virtual-kubelet"]]])
    }

    @Test func theScenarioReadsTheSameAfterBeingWrittenBackOut() throws {
        let stream = [Self.weightedPolicy, Self.overridePolicy, Self.deployment, Self.memberPolicy]
            .joined(separator: "\n---\n")
        let objects = try KubeDocuments.read(stream, file: "scenario.yaml")
        #expect(objects.count == 4)
        let written = JSONValue.yamlStream(objects)
        #expect(try KubeDocuments.read(written) == objects)
        #expect(written.contains("          limits:\n            nvidia.com/gpu: '1'\n"))
    }
}
