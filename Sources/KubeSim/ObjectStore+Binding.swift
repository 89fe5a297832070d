import KubeObjects

extension ObjectStore {
    /// `POST pods/NAME/binding`: assigns an unscheduled pod to a node, as a scheduler does.
    ///
    /// It is the only way a real API server lets a client set `spec.nodeName` once the pod
    /// exists, so schedulers (and simulated ones) bind this way. Like the real registry, it
    /// refuses a binding whose name differs from the pod's, one without a target node, a pod
    /// that is already assigned or being deleted (409); it copies the binding's annotations onto
    /// the pod and sets the `PodScheduled` condition to `True`. Answers a `Success` Status.
    func bind(_ type: ResourceType, namespace: String, name: String, binding: JSONValue) throws(StatusError)
        -> JSONValue
    {
        if !binding.name.isEmpty, binding.name != name {
            throw StatusError(.badRequest, "name in URL does not match name in Binding object")
        }
        guard let node = binding[path: ["target", "name"]]?.stringValue, !node.isEmpty else {
            throw StatusError.invalid(type, name, "target.name: Required value")
        }
        if let kind = binding[path: ["target", "kind"]]?.stringValue, !kind.isEmpty, kind != "Node" {
            throw StatusError.invalid(type, name, "target.kind: Unsupported value: \"\(kind)\": supported values: \"Node\"")
        }
        let key = ObjectKey(namespace: namespace, name: name)
        guard let current = objects[type.storageKey]?[key] else { throw .notFound(type, name) }
        if current.isBeingDeleted {
            throw StatusError.conflict(type, name, "pod \(name) is being deleted, cannot be assigned to a host")
        }
        if let assigned = current[path: ["spec", "nodeName"]]?.stringValue, !assigned.isEmpty {
            throw StatusError.conflict(type, name, "pod \(name) is already assigned to node \"\(assigned)\"")
        }
        var pod = current
        pod.setValue(.string(node), at: ["spec", "nodeName"])
        if let annotations = binding[path: ["metadata", "annotations"]]?.objectValue, !annotations.isEmpty {
            var merged = pod[path: ["metadata", "annotations"]]?.objectValue ?? JSONObject()
            for (annotation, value) in annotations { merged[annotation] = value }
            pod.setMetadata("annotations", .object(merged))
        }
        pod.setValue(.array(Self.scheduledConditions(pod)), at: ["status", "conditions"])
        commit(.modified, type, key: key, object: pod, previous: current)
        return .object(JSONObject([
            ("kind", "Status"), ("apiVersion", "v1"), ("metadata", .object(JSONObject())), ("status", "Success"),
            ("code", 201),
        ]))
    }

    /// The pod's conditions with `PodScheduled` set to `True` (its transition time moves only if
    /// it was not `True` already).
    private static func scheduledConditions(_ pod: JSONValue) -> [JSONValue] {
        var conditions = pod[path: ["status", "conditions"]]?.arrayValue ?? []
        let index = conditions.firstIndex { $0["type"]?.stringValue == "PodScheduled" }
        if let index, conditions[index]["status"]?.stringValue == "True" { return conditions }
        let scheduled: JSONValue = .object(JSONObject([
            ("type", "PodScheduled"), ("status", "True"), ("lastProbeTime", nil),
            ("lastTransitionTime", .string(Timestamp.now())),
        ]))
        if let index { conditions[index] = scheduled } else { conditions.append(scheduled) }
        return conditions
    }
}
