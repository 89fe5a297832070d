import Foundation
import KubeClient
import KubeObjects

/// Objects the cluster controller's tests put on hosts and members.
enum Fixtures {
    static let namespace = "kube-admiral-system"
    static let federatedClusters = APIResource(
        group: "core.kubeadmiral.io", version: "v1alpha1", name: "federatedclusters", namespaced: false)
    static let customResourceDefinitions = APIResource(
        group: "apiextensions.k8s.io", version: "v1", name: "customresourcedefinitions", namespaced: false)

    /// The CRD the end-to-end tier installs (manifests/crds), read from the checkout.
    static let federatedClusterCRD: JSONValue = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let file = root.appendingPathComponent("manifests/crds/core.kubeadmiral.io_federatedclusters.yaml")
        let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
        return (try? KubeDocuments.read(text))?.first ?? .null
    }()

    static func federatedCluster(_ name: String, endpoint: String, secret: String? = nil) -> JSONValue {
        [
            "apiVersion": "core.kubeadmiral.io/v1alpha1", "kind": "FederatedCluster",
            "metadata": ["name": .string(name)],
            "spec": ["apiEndpoint": .string(endpoint), "secretRef": ["name": .string(secret ?? name)]],
        ]
    }

    /// A member Secret with a bootstrap token (and nothing else: the test members speak http).
    static func secret(_ name: String, token: String) -> JSONValue {
        secret(name, data: ["bootstrap-token-data": Data(token.utf8).base64EncodedString()])
    }

    static func secret(_ name: String, data: [String: String]) -> JSONValue {
        var values = JSONObject()
        for (key, value) in data.sorted(by: { $0.key < $1.key }) { values[key] = .string(value) }
        return [
            "apiVersion": "v1", "kind": "Secret", "type": "Opaque",
            "metadata": ["name": .string(name), "namespace": .string(namespace)], "data": .object(values),
        ]
    }

    /// A node offering `gpus` GPUs, 64 CPUs, 512Gi and 110 pods, Ready unless told otherwise.
    static func node(
        _ name: String, gpus: Int64, ready: Bool = true, unschedulable: Bool = false, taint: String? = nil
    ) -> JSONValue {
        var spec = JSONObject()
        if unschedulable { spec["unschedulable"] = true }
        if let taint { spec["taints"] = [["key": "maintenance", "effect": .string(taint)]] }
        return [
            "apiVersion": "v1", "kind": "Node", "metadata": ["name": .string(name)], "spec": .object(spec),
            "status": [
                "allocatable": [
                    "cpu": "64", "memory": "512Gi", "nvidia.com/gpu": .string(String(gpus)), "pods": "110",
                ],
                "conditions": [["type": "Ready", "status": .string(ready ? "True" : "False")]],
            ],
        ]
    }

    /// A one-container pod asking for `gpus` GPUs (as a limit only when `asLimit`), in `phase`.
    static func pod(_ name: String, gpus: Int64, asLimit: Bool = false, phase: String = "Running") -> JSONValue {
        let amount: JSONValue = ["nvidia.com/gpu": .string(String(gpus)), "cpu": "1"]
        let resources: JSONValue = asLimit ? ["limits": amount] : ["requests": amount]
        return [
            "apiVersion": "v1", "kind": "Pod", "metadata": ["name": .string(name), "namespace": "default"],
            "spec": ["containers": [["name": "main", "image": "trainer", "resources": resources]]],
            "status": ["phase": .string(phase)],
        ]
    }
}
