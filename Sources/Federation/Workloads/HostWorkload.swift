import KubeObjects
import Placement

/// The few facts about a host Deployment that decide what a reconcile does, read without
/// decoding the whole object (which may be invalid).
struct HostWorkload: Sendable {
    var namespace: String
    var name: String
    var labels: [String: String]
    var annotations: [String: String]
    var finalizers: [String]
    var isDeleting: Bool
    var generation: Int64

    init(_ object: JSONValue) {
        func strings(_ path: [String]) -> [String: String] {
            var result: [String: String] = [:]
            for (key, value) in object[path: path]?.objectValue ?? JSONObject() { result[key] = value.stringValue }
            return result
        }
        namespace = object[path: ["metadata", "namespace"]]?.stringValue ?? ""
        name = object[path: ["metadata", "name"]]?.stringValue ?? ""
        labels = strings(["metadata", "labels"])
        annotations = strings(["metadata", "annotations"])
        finalizers = object[path: ["metadata", "finalizers"]]?.arrayValue?.compactMap(\.stringValue) ?? []
        isDeleting = object[path: ["metadata", "deletionTimestamp"]] != nil
        generation = object[path: ["metadata", "generation"]]?.intValue ?? 0
    }

    var reference: ObjectReference { ObjectReference(kind: "Deployment", namespace: namespace, name: name) }

    /// Bound to a propagation policy by label.
    var isBound: Bool {
        !(labels[PolicyLabel.propagationPolicy] ?? "").isEmpty || !(labels[PolicyLabel.clusterPropagationPolicy] ?? "").isEmpty
    }

    var hasFinalizer: Bool { finalizers.contains(WorkloadReconciler.finalizer) }

    var adopts: Bool { annotations[MemberSync.adoptAnnotation] == "true" }
}

/// The annotation changes one reconcile wants on the host workload, compared with what is there.
struct AnnotationWrites: Sendable {
    let current: [String: String]
    private(set) var wanted: [String: String?] = [:]

    init(current: [String: String]) { self.current = current }

    /// Wants `key` set to `value` (`nil` removes it).
    mutating func set(_ key: String, _ value: String?) { wanted[key] = .some(value) }

    func changes(_ key: String) -> Bool {
        guard let value = wanted[key] else { return false }
        return current[key] != value
    }

    /// `workload` with these changes made, as the server will have it once they are patched in.
    func applied(to workload: JSONValue) -> JSONValue {
        var annotations = workload[path: ["metadata", "annotations"]]?.objectValue ?? JSONObject()
        for key in wanted.keys where changes(key) { annotations[key] = (wanted[key] ?? nil).map { .string($0) } }
        var result = workload
        result["metadata"]?["annotations"] = .object(annotations)
        return result
    }

    /// JSON patch operations for the changed keys, none when nothing changes. `hasAnnotations`:
    /// the object has an annotations map to add to (otherwise one is created with the keys).
    func patchOperations(hasAnnotations: Bool) -> [JSONValue] {
        let changed = wanted.keys.sorted().filter { changes($0) }
        guard !changed.isEmpty else { return [] }
        guard hasAnnotations else {
            var annotations = JSONObject()
            for key in changed { if let value = wanted[key] ?? nil { annotations[key] = .string(value) } }
            return annotations.isEmpty ? [] : [["op": "add", "path": "/metadata/annotations", "value": .object(annotations)]]
        }
        return changed.map { key in
            let path = JSONValue.string("/metadata/annotations/" + JSONPointer.escape(key))
            guard let value = wanted[key] ?? nil else { return ["op": "remove", "path": path] }
            return ["op": "add", "path": path, "value": .string(value)]
        }
    }
}
