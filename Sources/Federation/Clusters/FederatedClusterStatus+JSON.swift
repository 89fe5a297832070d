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
    var json: JSONValue {
        .object(
            JSONObject([
                ("group", .string(group)), ("version", .string(version)), ("kind", .string(kind)),
                ("pluralName", .string(pluralName)), ("scope", .string(scope)),
            ]))
    }
}
