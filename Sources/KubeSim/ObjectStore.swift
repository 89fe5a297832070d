import Foundation
import KubeObjects

/// Where objects live: one global revision counter, the current objects, a bounded change log and
/// the open watches, all behind one actor so that every write gets the next resourceVersion and
/// reaches every watch in that order.
///
/// Guarantees: resourceVersions are decimal strings of one counter that only grows; a write that
/// changes nothing (an update to the same content) does not move it and sends no event, as on a
/// real server. Caveats: there is no persistence and no admission; see `docs` in `KubeSimServer`.
actor ObjectStore {
    /// A namespace (empty for cluster-scoped objects) and a name; sorts as etcd keys do.
    struct ObjectKey: Hashable, Comparable, Sendable {
        var namespace: String
        var name: String

        static func < (lhs: ObjectKey, rhs: ObjectKey) -> Bool {
            (lhs.namespace, lhs.name) < (rhs.namespace, rhs.name)
        }
    }

    /// One write, kept for watches that resume and for lists that page at an older revision.
    struct Change: Sendable {
        var revision: Int64
        var type: WatchEventType
        var storage: StorageKey
        var key: ObjectKey
        /// The object after the change; for a deletion, the object as it was deleted.
        var object: JSONValue
        /// The object before the change; `nil` for an addition.
        var previous: JSONValue?
    }

    var registry = ResourceRegistry()
    var objects: [StorageKey: [ObjectKey: JSONValue]] = [:]
    var revision: Int64 = 0
    var changes: [Change] = []
    /// Every change at or below this revision has left the log: resuming from before it is a 410.
    var compactedThrough: Int64 = 0
    let retainedChanges: Int
    var watches: [Int: Watch] = [:]
    var nextWatchID = 0

    init(retainedChanges: Int) {
        self.retainedChanges = max(1, retainedChanges)
        // The namespaces every cluster starts with; their creation predates the retained history.
        let namespaces = ResourceType.builtIns[0]
        for name in ["default", "kube-system"] {
            revision += 1
            var namespace: JSONValue = ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(name)]]
            namespace = Self.stampedForCreation(namespace, type: namespaces, name: name, namespace: "")
            namespace.setMetadata("resourceVersion", .string(String(revision)))
            objects[namespaces.storageKey, default: [:]][ObjectKey(namespace: "", name: name)] = namespace
        }
        compactedThrough = revision
    }

    // MARK: - Reads

    func type(group: String, version: String, plural: String) -> ResourceType? {
        registry.lookup(group: group, version: version, plural: plural)
    }

    var resourceRegistry: ResourceRegistry { registry }

    func get(_ type: ResourceType, namespace: String?, name: String) throws(StatusError) -> JSONValue {
        guard let object = objects[type.storageKey]?[ObjectKey(namespace: namespace ?? "", name: name)] else {
            throw .notFound(type, name)
        }
        return render(object, as: type)
    }

    /// A list, optionally one page of it. A continue token names the revision of the first page and
    /// where to resume; later pages show the objects as they were at that revision, rebuilt from the
    /// change log, and a token older than the log is a 410 `Expired`.
    func list(
        _ type: ResourceType, namespace: String?, labels: LabelSelector, fields: FieldSelector, limit: Int?,
        continueToken: String?
    ) throws(StatusError) -> JSONValue {
        var atRevision = revision
        var after: ObjectKey?
        if let continueToken, !continueToken.isEmpty {
            guard let token = ContinueToken(encoded: continueToken) else {
                throw StatusError(.badRequest, "continue key is not valid: incorrect encoded start resourceVersion")
            }
            guard token.revision >= compactedThrough else {
                throw StatusError(
                    .expired,
                    "The provided continue parameter is too old to display a consistent list result. "
                        + "You can start a new list without the continue parameter.")
            }
            atRevision = token.revision
            after = ObjectKey(namespace: token.namespace, name: token.name)
        }
        let snapshot = objects(of: type.storageKey, at: atRevision)
        var keys = snapshot.keys.sorted()
        if let after { keys = keys.filter { $0 > after } }
        var items: [JSONValue] = []
        var nextToken: String?
        var remaining = 0
        for key in keys {
            guard let object = snapshot[key] else { continue }
            if let namespace, key.namespace != namespace { continue }
            guard labels.matches(object), fields.matches(object) else { continue }
            if let limit, limit > 0, items.count >= limit {
                if nextToken == nil, let last = items.last {
                    nextToken = ContinueToken(revision: atRevision, namespace: last.namespace, name: last.name).encoded
                }
                remaining += 1
                continue
            }
            items.append(type.isBuiltIn ? Self.bare(object) : render(object, as: type))
        }
        var metadata: JSONObject = JSONObject()
        metadata["resourceVersion"] = .string(String(atRevision))
        if let nextToken {
            metadata["continue"] = .string(nextToken)
            metadata["remainingItemCount"] = .int(Int64(remaining))
        }
        return .object(JSONObject([
            ("kind", .string(type.kind + "List")), ("apiVersion", .string(type.apiVersion)),
            ("metadata", .object(metadata)), ("items", .array(items)),
        ]))
    }

    /// The objects of one resource as they were just after `target`, undoing newer changes.
    private func objects(of storage: StorageKey, at target: Int64) -> [ObjectKey: JSONValue] {
        var snapshot = objects[storage] ?? [:]
        for change in changes.reversed() where change.revision > target && change.storage == storage {
            snapshot[change.key] = change.previous
        }
        return snapshot
    }

    /// A built-in type's object as a list item: a real API server sends the items of a typed list
    /// without `apiVersion` and `kind` (only the list says them), and clients must cope.
    static func bare(_ object: JSONValue) -> JSONValue {
        var item = object
        item["apiVersion"] = nil
        item["kind"] = nil
        return item
    }

    /// The object as a client of `type`'s version sees it: custom resources served at several
    /// versions share storage, and each version answers with its own `apiVersion`.
    func render(_ object: JSONValue, as type: ResourceType) -> JSONValue {
        guard object["apiVersion"]?.stringValue != type.apiVersion else { return object }
        var copy = object
        copy["apiVersion"] = .string(type.apiVersion)
        return copy
    }

    // MARK: - Bookkeeping for writes

    /// Stores `object` (or removes it, for `nil`) under the next revision, logs the change and
    /// tells the watches. Returns the object as stored, with its new resourceVersion.
    @discardableResult
    func commit(_ type: WatchEventType, _ resource: ResourceType, key: ObjectKey, object: JSONValue, previous: JSONValue?)
        -> JSONValue
    {
        revision += 1
        var stored = object
        stored.setMetadata("resourceVersion", .string(String(revision)))
        if type == .deleted {
            objects[resource.storageKey]?[key] = nil
        } else {
            objects[resource.storageKey, default: [:]][key] = stored
        }
        let change = Change(
            revision: revision, type: type, storage: resource.storageKey, key: key, object: stored, previous: previous)
        changes.append(change)
        if changes.count > retainedChanges {
            let dropped = changes.count - retainedChanges
            compactedThrough = changes[dropped - 1].revision
            changes.removeFirst(dropped)
        }
        deliver(change)
        return stored
    }

    /// Forgets the whole change log: every resume or continue from before now becomes a 410.
    func compact() {
        compactedThrough = revision
        changes.removeAll()
    }
}

/// What a `continue` parameter carries: the list's revision and the last key it returned.
struct ContinueToken: Sendable {
    var revision: Int64
    var namespace: String
    var name: String

    init(revision: Int64, namespace: String, name: String) {
        self.revision = revision
        self.namespace = namespace
        self.name = name
    }

    init?(encoded: String) {
        guard let data = Data(base64Encoded: encoded), let text = String(data: data, encoding: .utf8),
            let json = try? JSONValue(parsing: text), let revision = json["rv"]?.intValue,
            let namespace = json["ns"]?.stringValue, let name = json["name"]?.stringValue
        else { return nil }
        self.init(revision: revision, namespace: namespace, name: name)
    }

    /// Opaque to clients, as the API requires; base64 of a small JSON document.
    var encoded: String {
        let json: JSONValue = ["rv": .int(revision), "ns": .string(namespace), "name": .string(name)]
        return Data(json.jsonString.utf8).base64EncodedString()
    }
}
