import KubeObjects

/// The `metadata` fields the simulator reads from untyped objects.
extension JSONValue {
    var metaName: String { self[path: ["metadata", "name"]]?.stringValue ?? "" }
    var metaNamespace: String { self[path: ["metadata", "namespace"]]?.stringValue ?? "" }
    var metaUID: String? { self[path: ["metadata", "uid"]]?.stringValue }
    var metaGeneration: Int64 { self[path: ["metadata", "generation"]]?.intValue ?? 0 }
    var isTerminating: Bool { self[path: ["metadata", "deletionTimestamp"]].map { !$0.isNull } ?? false }

    var metaLabels: [String: String] { stringMap(at: ["metadata", "labels"]) }
    var metaAnnotations: [String: String] { stringMap(at: ["metadata", "annotations"]) }

    /// A map of strings at `path`; entries that are not strings are skipped.
    func stringMap(at path: [String]) -> [String: String] {
        var result: [String: String] = [:]
        for (key, value) in self[path: path]?.objectValue ?? JSONObject() {
            if let text = value.stringValue { result[key] = text }
        }
        return result
    }

    /// The name of the owner of `kind` that controls this object (`controller: true`), if any.
    func controllerName(kind: String) -> String? {
        for reference in self[path: ["metadata", "ownerReferences"]]?.arrayValue ?? [] {
            if reference["kind"]?.stringValue == kind, reference["controller"]?.boolValue == true {
                return reference["name"]?.stringValue
            }
        }
        return nil
    }

    /// `metadata.ownerReferences` naming `owner` as this object's controller.
    static func controllerReference(to owner: JSONValue, kind: String, apiVersion: String) -> JSONValue {
        var reference = JSONObject([
            ("apiVersion", .string(apiVersion)), ("kind", .string(kind)), ("name", .string(owner.metaName)),
        ])
        if let uid = owner.metaUID { reference["uid"] = .string(uid) }
        reference["controller"] = true
        reference["blockOwnerDeletion"] = true
        return .array([.object(reference)])
    }

    /// The condition of `type` in `status.conditions`, if present.
    func condition(_ type: String) -> JSONValue? {
        self[path: ["status", "conditions"]]?.arrayValue?.first { $0["type"]?.stringValue == type }
    }
}

extension Dictionary where Key == String, Value == String {
    /// Labels as a JSON object, keys sorted so that equal maps serialize equally.
    var jsonObject: JSONValue {
        .object(JSONObject(sorted { $0.key < $1.key }.map { ($0.key, JSONValue.string($0.value)) }))
    }
}
