import KubeObjects
import Testing

@testable import Placement

@Suite("Decoding FederatedClusters")
struct FederatedClusterDecodingTests {
    /// VKE-POC1 from config/scenario/clusters.yaml, as JSON.
    static let scenarioCluster = """
        {"apiVersion": "core.kubeadmiral.io/v1alpha1", "kind": "FederatedCluster",
         "metadata": {"name": "cclt81kqnjbeqedvbbt0g", "labels": {"cloud": "volcengine", "region": "beijing"}},
         "spec": {"apiEndpoint": "https://vke-poc1.example.internal:6443", "secretRef": {"name": "cclt81kqnjbeqedvbbt0g"},
                  "useServiceAccount": true, "taints": [{"key": "dedicated", "value": "gpu", "effect": "NoSchedule"}]},
         "status": {
           "conditions": [
             {"type": "Joined", "status": "True", "reason": "ClusterJoined", "message": "joined",
              "lastProbeTime": "2026-11-23T10:00:00Z", "lastTransitionTime": "2026-11-23T10:00:00Z"},
             {"type": "Ready", "status": "True", "reason": "ClusterReady", "message": "/healthz responded with ok",
              "lastProbeTime": "2026-11-23T10:00:00Z", "lastTransitionTime": "2026-11-23T10:00:00Z"}],
           "resources": {"schedulableNodes": 3,
                         "allocatable": {"cpu": "24", "memory": "96Gi", "nvidia.com/gpu": "4"},
                         "available": {"cpu": "20500m", "memory": "80Gi", "nvidia.com/gpu": 4}},
           "apiResourceTypes": [{"group": "apps", "version": "v1", "kind": "Deployment", "pluralName": "deployments", "scope": "Namespaced"}]}}
        """

    @Test func theScenarioClusterDecodesSpecStatusAndLabels() throws {
        let cluster = try FederatedCluster.decode(Fixtures.parse(Self.scenarioCluster))
        #expect(cluster.name == "cclt81kqnjbeqedvbbt0g")
        #expect(cluster.labels == ["cloud": "volcengine", "region": "beijing"])
        #expect(cluster.spec.apiEndpoint == "https://vke-poc1.example.internal:6443")
        #expect(cluster.spec.secretName == "cclt81kqnjbeqedvbbt0g")
        #expect(cluster.spec.useServiceAccount == true)
        #expect(cluster.spec.insecure == false)
        #expect(cluster.spec.taints == [Taint(key: "dedicated", value: "gpu", effect: .noSchedule)])
        #expect(cluster.status.isJoined && cluster.status.isReady)
        #expect(cluster.status.condition(.ready)?.message == "/healthz responded with ok")
        #expect(cluster.status.condition(.ready)?.lastTransitionTime == Timestamp(rfc3339: "2026-11-23T10:00:00Z"))
        #expect(cluster.status.condition(.offline) == nil)
        #expect(cluster.status.resources.schedulableNodes == 3)
        #expect(cluster.status.apiResourceTypes == [APIResource(group: "apps", version: "v1", kind: "Deployment", pluralName: "deployments", scope: "Namespaced")])
    }

    @Test func resourceQuantitiesReadAsWholeUnitsAndMilliUnits() throws {
        let resources = try FederatedCluster.decode(Fixtures.parse(Self.scenarioCluster)).status.resources
        #expect(resources.allocatable.milliValue(of: "cpu") == 24_000)
        #expect(resources.allocatable.value(of: "memory") == 103_079_215_104)
        #expect(resources.allocatable.value(of: "nvidia.com/gpu") == 4)
        #expect(resources.available.milliValue(of: "cpu") == 20_500)
        #expect(resources.available.value(of: "cpu") == 21)
        #expect(resources.available.value(of: "nvidia.com/gpu") == 4)
        #expect(resources.available.value(of: "ephemeral-storage") == nil)
    }

    @Test func aClusterWithoutStatusIsNeitherJoinedNorReady() throws {
        let raw = try Fixtures.parse(
            #"{"apiVersion": "core.kubeadmiral.io/v1alpha1", "kind": "FederatedCluster", "metadata": {"name": "new"}, "spec": {"apiEndpoint": "10.0.0.9", "secretRef": {"name": "new"}}}"#
        )
        let cluster = try FederatedCluster.decode(raw)
        #expect(!cluster.status.isJoined && !cluster.status.isReady)
        #expect(cluster.status.apiResourceTypes.isEmpty)
    }

    static let badClusters: [(patch: String, message: String)] = [
        (#""spec": {"secretRef": {"name": "m"}}"#, "FederatedCluster m: spec.apiEndpoint: required field is missing"),
        (#""spec": {"apiEndpoint": "10.0.0.1"}"#, "FederatedCluster m: spec.secretRef: required field is missing"),
        (#""spec": {"apiEndpoint": "10.0.0.1", "secretRef": {}}"#, "FederatedCluster m: spec.secretRef.name: required field is missing"),
        (
            #""spec": {"apiEndpoint": "10.0.0.1", "secretRef": {"name": "m"}, "taints": [{"key": "gpu", "effect": "Sometimes"}]}"#,
            #"FederatedCluster m: spec.taints[0].effect: unsupported taint effect "Sometimes": must be NoSchedule, PreferNoSchedule or NoExecute"#
        ),
        (
            #""spec": {"apiEndpoint": "10.0.0.1", "secretRef": {"name": "m"}}, "status": {"conditions": [{"type": "Ready", "status": "Yes"}]}"#,
            #"FederatedCluster m: status.conditions[0].status: unsupported value "Yes": must be one of True, False, Unknown"#
        ),
        (
            #""spec": {"apiEndpoint": "10.0.0.1", "secretRef": {"name": "m"}}, "status": {"resources": {"allocatable": {"nvidia.com/gpu": "4 GPUs"}}}"#,
            #"FederatedCluster m: status.resources.allocatable[nvidia.com/gpu]: invalid quantity "4 GPUs": unknown suffix " GPUs"; expected one of n u m k M G T P E Ki Mi Gi Ti Pi Ei, or an exponent like e3"#
        ),
        (
            #""spec": {"apiEndpoint": "10.0.0.1", "secretRef": {"name": "m"}}, "status": {"apiResourceTypes": [{"version": "v1", "kind": "Deployment", "pluralName": "deployments"}]}"#,
            "FederatedCluster m: status.apiResourceTypes[0].scope: required field is missing: use Namespaced or Cluster"
        ),
        (
            #""spec": {"apiEndpoint": "10.0.0.1", "secretRef": {"name": "m"}}, "status": {"conditions": [{"type": "Ready", "status": "True", "lastProbeTime": "yesterday"}]}"#,
            #"FederatedCluster m: status.conditions[0].lastProbeTime: invalid time "yesterday": use RFC 3339, such as 2026-11-23T10:00:00Z"#
        ),
    ]

    @Test(arguments: badClusters)
    func aBadClusterIsRejectedWithTheFieldPath(_ example: (patch: String, message: String)) throws {
        let raw = try Fixtures.parse(
            #"{"apiVersion": "core.kubeadmiral.io/v1alpha1", "kind": "FederatedCluster", "metadata": {"name": "m"}, "# + example.patch + "}")
        #expect(Fixtures.message { _ = try FederatedCluster.decode(raw) } == example.message)
    }

    @Test func aDeletionTimestampIsRead() throws {
        let cluster = try Fixtures.cluster("old", deletionTimestamp: "2026-11-23T09:00:00Z")
        #expect(cluster.metadata.deletionTimestamp == Timestamp(rfc3339: "2026-11-23T09:00:00Z"))
    }
}
