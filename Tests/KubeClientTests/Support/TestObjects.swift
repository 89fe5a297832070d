import KubeObjects

@testable import KubeClient

/// A minimal Kubernetes object: metadata (namespace, name, resourceVersion, labels) and a payload.
func kubeObject(
    namespace: String? = "default", name: String, version: String,
    labels: [String: String] = [:], payload: JSONValue = nil
) -> JSONValue {
    var metadata = JSONObject()
    if let namespace { metadata["namespace"] = .string(namespace) }
    metadata["name"] = .string(name)
    metadata["resourceVersion"] = .string(version)
    if !labels.isEmpty {
        metadata["labels"] = .object(JSONObject(labels.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) }))
    }
    var object = JSONObject()
    object["metadata"] = .object(metadata)
    if !payload.isNull { object["data"] = payload }
    return .object(object)
}

/// The key `kubeObject(namespace:name:…)` gets in a store without a resource.
func key(_ namespace: String?, _ name: String) -> ObjectKey {
    ObjectKey(namespace: namespace, name: name)
}

func resourceVersion(of object: JSONValue) -> String? {
    object[path: ["metadata", "resourceVersion"]]?.stringValue
}
