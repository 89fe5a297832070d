import KubeObjects
import Placement

/// Writing a FederatedCluster's status back as JSON, in the shape the CRD declares and
/// `FederatedClusterStatus.decode` reads (kubeadmiral-api.md §5.2).
extension FederatedClusterStatus {
    /// `existing` (the object's current `status`) with `conditions`, `resources` and
    /// `apiResourceTypes` replaced; other fields, such as `joinPerformed`, are kept.
    func encoded(over existing: JSONValue?) -> JSONValue {
        var object = existing?.objectValue ?? JSONObject()
        object["conditions"] = .array(conditions.map(\.json))
        object["resources"] = resources.json
        object["apiResourceTypes"] = .array(apiResourceTypes.map(\.json))
        return .object(object)
    }
}

extension ClusterCondition {
    var json: JSONValue {
        var object = JSONObject()
        object["type"] = .string(type.rawValue)
        object["status"] = .string(status.rawValue)
        if let lastProbeTime { object["lastProbeTime"] = .string(lastProbeTime.description) }
        if let lastTransitionTime { object["lastTransitionTime"] = .string(lastTransitionTime.description) }
        object["reason"] = .string(reason)
        object["message"] = .string(message)
        return .object(object)
    }
}

extension ClusterResources {
    var json: JSONValue {
        var object = JSONObject()
        if let schedulableNodes { object["schedulableNodes"] = .int(schedulableNodes) }
        object["allocatable"] = allocatable.json
        object["available"] = available.json
        return .object(object)
    }
}

extension ResourceList {
    /// Names in order, each quantity in its text form (`"8"`, `"512Gi"`).
    var json: JSONValue {
        .object(JSONObject(quantities.keys.sorted().map { ($0, .string(quantities[$0]!.description)) }))
    }
}

extension Placement.APIResource {
    /// The core group's empty name is left out (as KubeAdmiral's `omitempty` does): a real
    /// kube-apiserver 1.20 refuses `"group": ""` in a custom resource's status as "null".
    var json: JSONValue {
        var object = JSONObject()
        if !group.isEmpty { object["group"] = .string(group) }
        object["version"] = .string(version)
        object["kind"] = .string(kind)
        object["pluralName"] = .string(pluralName)
        object["scope"] = .string(scope)
        return .object(object)
    }
}
