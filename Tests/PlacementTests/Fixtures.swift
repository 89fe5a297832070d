import KubeObjects
import Testing

@testable import Placement

/// Builders for the objects the tests decode. They go through the real decoders, so every test
/// also exercises decoding, and they read like the YAML a user writes.
enum Fixtures {
    static func parse(_ text: String) throws -> JSONValue {
        try JSONValue(parsing: text)
    }

    static func object(_ pairs: [(String, JSONValue)]) -> JSONValue {
        .object(JSONObject(pairs))
    }

    static func strings(_ map: [String: String]) -> JSONValue {
        .object(JSONObject(map.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) }))
    }

    /// A PropagationPolicy `default/<name>` with `spec` given as JSON.
    static func policy(_ spec: String, name: String = "p", namespace: String = "default") throws -> PropagationPolicy {
        try PropagationPolicy.decode(policyJSON(spec, name: name, namespace: namespace))
    }

    /// The object `policy(...)` decodes.
    static func policyJSON(_ spec: String, name: String = "p", namespace: String = "default") throws -> JSONValue {
        object([
            ("apiVersion", "core.kubeadmiral.io/v1alpha1"), ("kind", "PropagationPolicy"),
            ("metadata", object([("name", .string(name)), ("namespace", .string(namespace))])),
            ("spec", try parse(spec)),
        ])
    }

    /// An apps/v1 Deployment `default/<name>`; `gpu` puts `nvidia.com/gpu: 1` in requests and limits.
    static func deploymentJSON(
        name: String = "web", namespace: String = "default", labels: [String: String] = [:],
        annotations: [String: String] = [:], replicas: JSONValue? = 10, gpu: Bool = true,
        resources: JSONValue? = nil
    ) -> JSONValue {
        let containerResources = resources
            ?? (gpu
                ? object([("limits", ["nvidia.com/gpu": "1"]), ("requests", ["nvidia.com/gpu": "1"])])
                : object([("requests", ["cpu": "500m", "memory": "1Gi"])]))
        var spec: [(String, JSONValue)] = []
        if let replicas { spec.append(("replicas", replicas)) }
        spec.append(("selector", ["matchLabels": ["app": "web"]]))
        spec.append((
            "template",
            object([
                ("metadata", ["labels": ["app": "web"]]),
                ("spec", ["containers": [object([("name", "main"), ("image", "busybox"), ("resources", containerResources)])]]),
            ])
        ))
        return object([
            ("apiVersion", "apps/v1"), ("kind", "Deployment"),
            ("metadata", object([
                ("name", .string(name)), ("namespace", .string(namespace)),
                ("labels", strings(labels)), ("annotations", strings(annotations)),
            ])),
            ("spec", object(spec)),
        ])
    }

    static func deployment(
        labels: [String: String] = ["kubeadmiral.io/propagation-policy-name": "p"],
        annotations: [String: String] = [:], replicas: JSONValue? = 10, gpu: Bool = true
    ) throws -> Workload {
        try Workload.decode(deploymentJSON(labels: labels, annotations: annotations, replicas: replicas, gpu: gpu))
    }

    /// The placement request of a GPU Deployment `default/web` bound to a policy with `spec`.
    static func request(
        _ spec: String = #"{"schedulingMode": "Divide"}"#, annotations: [String: String] = [:], gpu: Bool = true,
        replicas: JSONValue? = 10
    ) throws -> PlacementRequest {
        try PlacementRequest(
            workload: deployment(annotations: annotations, replicas: replicas, gpu: gpu), policy: policy(spec))
    }

    /// A joined, ready FederatedCluster serving apps/v1 Deployments, with 4 GPUs by default.
    static func cluster(
        _ name: String, labels: [String: String] = [:], taints: JSONValue = [],
        joined: String = "True", ready: String = "True", readyReason: String = "ClusterReady",
        allocatable: JSONValue = ["cpu": "24", "memory": "96Gi", "nvidia.com/gpu": "4"],
        available: JSONValue = ["cpu": "20", "memory": "80Gi", "nvidia.com/gpu": "4"],
        apiResourceTypes: JSONValue = [["group": "apps", "version": "v1", "kind": "Deployment", "pluralName": "deployments", "scope": "Namespaced"]],
        deletionTimestamp: String? = nil
    ) throws -> FederatedCluster {
        var metadata: [(String, JSONValue)] = [("name", .string(name)), ("labels", strings(labels))]
        if let deletionTimestamp { metadata.append(("deletionTimestamp", .string(deletionTimestamp))) }
        return try FederatedCluster.decode(
            object([
                ("apiVersion", "core.kubeadmiral.io/v1alpha1"), ("kind", "FederatedCluster"),
                ("metadata", object(metadata)),
                ("spec", object([("apiEndpoint", "https://10.0.0.1:6443"), ("secretRef", ["name": .string(name)]), ("taints", taints)])),
                ("status", object([
                    ("conditions", [
                        object([("type", "Joined"), ("status", .string(joined)), ("reason", joined == "True" ? "ClusterJoined" : "")]),
                        object([("type", "Ready"), ("status", .string(ready)), ("reason", .string(readyReason))]),
                    ]),
                    ("resources", object([("schedulableNodes", 3), ("allocatable", allocatable), ("available", available)])),
                    ("apiResourceTypes", apiResourceTypes),
                ])),
            ]))
    }

    static let now = Timestamp(rfc3339: "2026-11-23T10:00:00Z")!

    static func select(_ request: PlacementRequest, _ clusters: [FederatedCluster], now: Timestamp = now) -> ClusterSelection {
        ClusterSelectionPipeline.standard.select(for: request, from: clusters, now: now)
    }

    /// The error `body` throws, as text, or `nil` when it does not throw.
    static func message(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch {
            return "\(error)"
        }
    }
}
