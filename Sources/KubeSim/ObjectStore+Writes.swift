import Foundation
import KubeObjects

/// Which part of an object a write may change.
enum WriteTarget: Sendable {
    /// The object itself; for types with a status subresource, `.status` is kept as it was.
    case main
    /// `/status`: only `.status` changes.
    case status
}

extension ObjectStore {
    // MARK: - Create

    func create(_ type: ResourceType, namespace: String?, body: JSONValue) throws(StatusError) -> JSONValue {
        guard body.objectValue != nil else { throw StatusError(.badRequest, "the request body must be a JSON object") }
        try Self.checkKind(body, type)
        var name = body.name
        if name.isEmpty {
            guard let prefix = body[path: ["metadata", "generateName"]]?.stringValue, !prefix.isEmpty else {
                throw StatusError.invalid(type, "", "metadata.name: Required value: name or generateName is required")
            }
            name = prefix + Self.randomSuffix()
        }
        try Self.validateName(name, type)
        let objectNamespace = try Self.resolveNamespace(body, type, url: namespace)
        if type.namespaced {
            let key = ObjectKey(namespace: "", name: objectNamespace)
            guard objects[ResourceType.builtIns[0].storageKey]?[key] != nil else {
                throw StatusError.notFound(ResourceType.builtIns[0], objectNamespace)
            }
        }
        if let version = body.resourceVersion, !version.isEmpty {
            throw StatusError(.badRequest, "resourceVersion should not be set on objects to be created")
        }
        let key = ObjectKey(namespace: objectNamespace, name: name)
        guard objects[type.storageKey]?[key] == nil else { throw .alreadyExists(type, name) }
        var object = Self.stampedForCreation(body, type: type, name: name, namespace: objectNamespace)
        if type.isCustomResourceDefinition {
            for declared in try ResourceType.declared(by: object) { registry.register(declared) }
            object = Self.markEstablished(object)
        }
        return commit(.added, type, key: key, object: object, previous: nil)
    }

    /// The server-set fields of a new object: name, namespace, uid, timestamps, generation 1.
    static func stampedForCreation(_ body: JSONValue, type: ResourceType, name: String, namespace: String) -> JSONValue {
        var object = body
        object["apiVersion"] = .string(type.apiVersion)
        object["kind"] = .string(type.kind)
        // The metadata is taken out (its place held by a null), edited and put back, so that it is
        // copied once, not per field, and stays where it was among the object's keys.
        var metadata = object["metadata"]?.objectValue ?? JSONObject()
        object["metadata"] = JSONValue.null
        metadata["name"] = .string(name)
        metadata["namespace"] = type.namespaced ? .string(namespace) : nil
        metadata["uid"] = .string(UUID().uuidString.lowercased())
        metadata["creationTimestamp"] = .string(Timestamp.now())
        metadata["generation"] = .int(1)
        metadata["deletionTimestamp"] = nil
        metadata["deletionGracePeriodSeconds"] = nil
        object["metadata"] = .object(metadata)
        if type.hasStatusSubresource { object["status"] = nil }
        if type.isNamespace {
            object["status"] = ["phase": "Active"]
            var labels = object[path: ["metadata", "labels"]]?.objectValue ?? JSONObject()
            labels["kubernetes.io/metadata.name"] = .string(name)
            object.setMetadata("labels", .object(labels))
        }
        return object
    }

    /// A CRD's status as its controller would write it once the names are accepted: clients wait
    /// for `Established` before they use the new resource.
    private static func markEstablished(_ definition: JSONValue) -> JSONValue {
        var object = definition
        let now = JSONValue.string(Timestamp.now())
        let conditions: JSONValue = .array(
            ["NamesAccepted", "Established"].map { type in
                .object(JSONObject([
                    ("type", .string(type)), ("status", "True"), ("lastTransitionTime", now),
                    ("reason", type == "Established" ? "InitialNamesAccepted" : "NoConflicts"), ("message", ""),
                ]))
            })
        object["status"] = .object(JSONObject([
            ("conditions", conditions), ("acceptedNames", definition[path: ["spec", "names"]] ?? .object(JSONObject())),
            ("storedVersions", .array((definition[path: ["spec", "versions"]]?.arrayValue ?? []).compactMap { $0["name"] })),
        ]))
        return object
    }

    // MARK: - Update

    /// PUT semantics: replaces the object, keeping what the server owns. A stale
    /// `metadata.resourceVersion` is a 409; an update that changes nothing writes nothing.
    func update(
        _ type: ResourceType, namespace: String?, name: String, body: JSONValue, target: WriteTarget
    ) throws(StatusError) -> JSONValue {
        guard body.objectValue != nil else { throw StatusError(.badRequest, "the request body must be a JSON object") }
        try Self.checkKind(body, type)
        if !body.name.isEmpty, body.name != name {
            throw StatusError(
                .badRequest, "the name of the object (\(body.name)) does not match the name on the URL (\(name))")
        }
        let objectNamespace = try Self.resolveNamespace(body, type, url: namespace)
        let key = ObjectKey(namespace: objectNamespace, name: name)
        guard let current = objects[type.storageKey]?[key] else { throw .notFound(type, name) }
        if let version = body.resourceVersion, !version.isEmpty, version != current.resourceVersion {
            throw StatusError.conflict(
                type, name, "the object has been modified; please apply your changes to the latest version and try again")
        }
        var next: JSONValue
        switch target {
        case .status:
            next = current
            next["status"] = body["status"]
        case .main:
            next = body
            next["apiVersion"] = .string(type.apiVersion)
            next["kind"] = .string(type.kind)
            for field in ["name", "namespace", "uid", "creationTimestamp", "deletionTimestamp",
                "deletionGracePeriodSeconds", "generation"]
            {
                next.setMetadata(field, current[path: ["metadata", field]])
            }
            if type.hasStatusSubresource { next["status"] = current["status"] }
            if next.specPart != current.specPart {
                next.setMetadata("generation", .int((current[path: ["metadata", "generation"]]?.intValue ?? 0) + 1))
            }
        }
        next.setMetadata("resourceVersion", current[path: ["metadata", "resourceVersion"]])
        if next == current { return render(current, as: type) }
        if type.isCustomResourceDefinition {
            for declared in try ResourceType.declared(by: next) { registry.register(declared) }
        }
        if next.isBeingDeleted && next.finalizers.isEmpty {
            return render(remove(type, key: key, object: next), as: type)
        }
        return render(commit(.modified, type, key: key, object: next, previous: current), as: type)
    }

    // MARK: - Delete

    /// DELETE semantics: checks the options' preconditions; an object with finalizers only gets a
    /// `deletionTimestamp` and stays until an update removes the last finalizer. The propagation
    /// policy is accepted and ignored (there is no garbage collector), except that deleting a
    /// namespace deletes what is in it, and deleting a CRD deletes its custom objects.
    func delete(_ type: ResourceType, namespace: String?, name: String, options: JSONValue?) throws(StatusError)
        -> JSONValue
    {
        let key = ObjectKey(namespace: type.namespaced ? (namespace ?? "") : "", name: name)
        guard let current = objects[type.storageKey]?[key] else { throw .notFound(type, name) }
        if let uid = options?[path: ["preconditions", "uid"]]?.stringValue, uid != current.uid {
            throw StatusError.conflict(
                type, name, "Precondition failed: UID in precondition: \(uid), UID in object meta: \(current.uid ?? "")")
        }
        if let version = options?[path: ["preconditions", "resourceVersion"]]?.stringValue,
            version != current.resourceVersion
        {
            throw StatusError.conflict(
                type, name,
                "Precondition failed: ResourceVersion in precondition: \(version), "
                    + "ResourceVersion in object meta: \(current.resourceVersion ?? "")")
        }
        if !current.finalizers.isEmpty {
            if current.isBeingDeleted { return render(current, as: type) }
            var marked = current
            marked.setMetadata("deletionTimestamp", .string(Timestamp.now()))
            marked.setMetadata("deletionGracePeriodSeconds", .int(0))
            return render(commit(.modified, type, key: key, object: marked, previous: current), as: type)
        }
        if type.isNamespace { removeContents(ofNamespace: name) }
        if type.isCustomResourceDefinition { removeCustomResources(of: current) }
        return render(remove(type, key: key, object: current), as: type)
    }

    @discardableResult
    private func remove(_ type: ResourceType, key: ObjectKey, object: JSONValue) -> JSONValue {
        commit(.deleted, type, key: key, object: object, previous: objects[type.storageKey]?[key])
    }

    private func removeContents(ofNamespace namespace: String) {
        for type in registry.types where type.namespaced {
            for (key, object) in objects[type.storageKey] ?? [:] where key.namespace == namespace {
                remove(type, key: key, object: object)
            }
        }
    }

    private func removeCustomResources(of definition: JSONValue) {
        guard let group = definition[path: ["spec", "group"]]?.stringValue,
            let plural = definition[path: ["spec", "names", "plural"]]?.stringValue,
            let type = registry.types.first(where: { $0.group == group && $0.plural == plural })
        else { return }
        for (key, object) in objects[type.storageKey] ?? [:] { remove(type, key: key, object: object) }
        registry.unregister(group: group, plural: plural)
        for (id, watch) in watches where watch.filter.type.storageKey == type.storageKey { closeWatch(id) }
    }

    // MARK: - Checks

    static func checkKind(_ body: JSONValue, _ type: ResourceType) throws(StatusError) {
        if let kind = body["kind"]?.stringValue, !kind.isEmpty, kind != type.kind {
            throw StatusError(.badRequest, "the kind of the object (\(kind)) does not match the resource (\(type.kind))")
        }
    }

    /// The namespace an object goes in: the URL's; a different one in the body is a 400.
    static func resolveNamespace(_ body: JSONValue, _ type: ResourceType, url: String?) throws(StatusError) -> String {
        guard type.namespaced else { return "" }
        let inBody = body.namespace
        guard let url else {
            throw StatusError(.badRequest, "a namespace is required to write \(type.qualifiedName)")
        }
        if !inBody.isEmpty, inBody != url {
            throw StatusError(
                .badRequest, "the namespace of the provided object does not match the namespace sent on the request")
        }
        return url
    }

    /// Names must be DNS subdomains: lowercase letters, digits, `-` and `.`, at most 253 characters.
    static func validateName(_ name: String, _ type: ResourceType) throws(StatusError) {
        let allowed = name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "." }
        let edges = [name.first, name.last].allSatisfy { $0.map { $0.isLetter || $0.isNumber } ?? false }
        guard allowed, edges, name.count <= 253 else {
            throw StatusError.invalid(
                type, name,
                "metadata.name: Invalid value: \"\(name)\": a lowercase RFC 1123 subdomain must consist of lower case "
                    + "alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character")
        }
    }

    private static func randomSuffix() -> String {
        let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")
        return String((0..<5).map { _ in alphabet.randomElement()! })
    }
}
