import KubeObjects

/// The patch formats PATCH accepts, by `Content-Type`.
///
/// `application/strategic-merge-patch+json` is applied as a JSON merge patch: the simulator has no
/// Go struct tags to learn merge keys from, so a strategic patch that relies on them (merging a
/// list of containers by name) replaces the list instead. Patches that only set fields and maps,
/// which is what `kubectl scale`, `label` and `annotate` send, behave the same either way.
enum PatchFormat: Sendable {
    case merge
    case json
    case strategicAsMerge

    init(contentType: String) throws(StatusError) {
        switch contentType.split(separator: ";").first.map({ String($0).trimmingSpaces.lowercased() }) ?? "" {
        case "application/merge-patch+json": self = .merge
        case "application/json-patch+json": self = .json
        case "application/strategic-merge-patch+json": self = .strategicAsMerge
        default:
            throw StatusError(
                .unsupportedMediaType,
                "the body of the request was in an unknown format - accepted media types include: "
                    + "application/json-patch+json, application/merge-patch+json, "
                    + "application/strategic-merge-patch+json")
        }
    }

    func apply(_ patch: JSONValue, to document: JSONValue) throws(StatusError) -> JSONValue {
        switch self {
        case .merge, .strategicAsMerge:
            guard patch.objectValue != nil else {
                throw StatusError(.badRequest, "a merge patch must be a JSON object, got \(patch.typeName)")
            }
            return document.applyingMergePatch(patch)
        case .json:
            do {
                return try JSONPatch(document: patch).apply(to: document)
            } catch {
                // A patch that parses but does not apply (a failed `test`, a missing path) is
                // reported by real servers as a 422 on the object; a malformed one is a 400.
                let reason: StatusError.Reason = error.operationIndex == nil ? .badRequest : .invalid
                return try Self.fail(reason, error.description)
            }
        }
    }

    private static func fail(_ reason: StatusError.Reason, _ message: String) throws(StatusError) -> JSONValue {
        throw StatusError(reason, message)
    }
}

extension ObjectStore {
    /// PATCH: applies the patch to the current object and writes the result as an update, in one
    /// actor step so that no other write lands in between. A `metadata.resourceVersion` in the
    /// patched result acts as a precondition, as it does on a real server.
    func patch(
        _ type: ResourceType, namespace: String?, name: String, patch: JSONValue, format: PatchFormat,
        target: WriteTarget
    ) throws(StatusError) -> JSONValue {
        let current = try get(type, namespace: namespace, name: name)
        let patched = try format.apply(patch, to: current)
        return try update(type, namespace: namespace, name: name, body: patched, target: target)
    }

    // MARK: - Scale

    /// The autoscaling/v1 `Scale` view of an object whose type has a scale subresource.
    func scale(_ type: ResourceType, namespace: String?, name: String) throws(StatusError) -> JSONValue {
        let object = try get(type, namespace: namespace, name: name)
        return try Self.scaleView(of: object, type: type)
    }

    /// Writes a `Scale`: only its `spec.replicas` reaches the object (which bumps its generation).
    func updateScale(_ type: ResourceType, namespace: String?, name: String, scale: JSONValue) throws(StatusError)
        -> JSONValue
    {
        guard let paths = type.scale else { throw .notFound(type, name) }
        var object = try get(type, namespace: namespace, name: name)
        guard let replicas = scale[path: ["spec", "replicas"]]?.intValue, replicas >= 0 else {
            throw StatusError(
                .invalid, "Scale.autoscaling \"\(name)\" is invalid: spec.replicas: Invalid value: must be >= 0",
                name: name, kind: "Scale", group: "autoscaling")
        }
        if let version = scale.resourceVersion, !version.isEmpty, version != object.resourceVersion {
            throw StatusError.conflict(
                type, name, "the object has been modified; please apply your changes to the latest version and try again")
        }
        object.setValue(.int(replicas), at: paths.specReplicas)
        let updated = try update(type, namespace: namespace, name: name, body: object, target: .main)
        return try Self.scaleView(of: updated, type: type)
    }

    func patchScale(
        _ type: ResourceType, namespace: String?, name: String, patch: JSONValue, format: PatchFormat
    ) throws(StatusError) -> JSONValue {
        let current = try scale(type, namespace: namespace, name: name)
        return try updateScale(
            type, namespace: namespace, name: name, scale: try format.apply(patch, to: current))
    }

    static func scaleView(of object: JSONValue, type: ResourceType) throws(StatusError) -> JSONValue {
        guard let paths = type.scale else { throw .notFound(type, object.name) }
        var metadata = JSONObject()
        for field in ["name", "namespace", "uid", "resourceVersion", "creationTimestamp"] {
            metadata[field] = object[path: ["metadata", field]]
        }
        var status = JSONObject()
        status["replicas"] = .int(object[path: paths.statusReplicas]?.intValue ?? 0)
        if let selectorPath = paths.labelSelector, let selector = object[path: selectorPath]?.stringValue {
            status["selector"] = .string(selector)
        } else if let matchLabels = object[path: ["spec", "selector", "matchLabels"]]?.objectValue {
            status["selector"] = .string(
                matchLabels.compactMap { key, value in value.stringValue.map { "\(key)=\($0)" } }.joined(separator: ","))
        }
        return .object(JSONObject([
            ("kind", "Scale"), ("apiVersion", "autoscaling/v1"), ("metadata", .object(metadata)),
            ("spec", .object(JSONObject([("replicas", .int(object[path: paths.specReplicas]?.intValue ?? 0))]))),
            ("status", .object(status)),
        ]))
    }
}

extension JSONValue {
    /// Sets the value at a path of object keys, creating objects along the way.
    mutating func setValue(_ value: JSONValue, at path: [String]) {
        guard let first = path.first else {
            self = value
            return
        }
        var child = self[first] ?? .object(JSONObject())
        if child.objectValue == nil, path.count > 1 { child = .object(JSONObject()) }
        child.setValue(value, at: Array(path.dropFirst()))
        if objectValue == nil { self = .object(JSONObject()) }
        self[first] = child
    }
}
