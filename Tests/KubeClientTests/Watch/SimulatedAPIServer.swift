import KubeObjects

@testable import KubeClient

/// An in-test API server for one namespaced collection, honest about the parts of the watch
/// contract a watcher depends on: every change gets the next resourceVersion; lists are paged
/// from one consistent snapshot, with continue tokens; a watch from resourceVersion R returns
/// every change after R, in order; and once history is compacted, a watch or continue token
/// older than the compaction gets 410 Gone.
///
/// resourceVersions are decimal integers here, so tests can check ordering; the watcher under
/// test must (and does) treat them as opaque.
struct SimulatedAPIServer {
    enum Change { case added, modified, deleted }

    /// The last resourceVersion handed out.
    private(set) var version = 0
    /// Every change, oldest first, with the object's state before it (to rewind to old versions).
    private var history: [(version: Int, change: Change, object: JSONValue, previous: JSONValue?)] = []
    /// Watches from before this version, and continue tokens cut before it, get 410 Gone.
    private(set) var compactedThrough = 0
    private(set) var objects: [ObjectKey: JSONValue] = [:]
    private var nextName = 0

    // MARK: Changes

    @discardableResult
    mutating func create(labels: [String: String] = [:]) -> ObjectKey {
        nextName += 1
        version += 1
        let object = kubeObject(name: "obj-\(nextName)", version: String(version), labels: labels)
        let key = ObjectKey(object: object)!
        objects[key] = object
        history.append((version, .added, object, nil))
        return key
    }

    mutating func update(_ key: ObjectKey, labels: [String: String] = [:]) {
        guard let old = objects[key] else { return }
        version += 1
        let generation = (old["data"]?.intValue ?? 0) + 1
        let object = kubeObject(name: key.name, version: String(version), labels: labels, payload: .int(generation))
        objects[key] = object
        history.append((version, .modified, object, old))
    }

    mutating func delete(_ key: ObjectKey) {
        guard let old = objects.removeValue(forKey: key) else { return }
        version += 1
        var object = old
        object["metadata"]?["resourceVersion"] = .string(String(version))
        history.append((version, .deleted, object, old))
    }

    /// Forgets the history up to now, as etcd compaction does.
    mutating func compact() { compactedThrough = version }

    /// One random create, update or delete.
    mutating func randomChange(using random: inout SeededRandomSource) {
        let keys = objects.keys.sorted()
        let labels = ["tier": ["gold", "silver"].randomElement(using: &random)!]
        switch Int.random(in: 0..<10, using: &random) {
        case 0..<3 where keys.count < 40: create(labels: labels)
        case 3..<5 where !keys.isEmpty: delete(keys.randomElement(using: &random)!)
        default:
            if let key = keys.randomElement(using: &random) { update(key, labels: labels) } else { create() }
        }
    }

    // MARK: Requests

    /// The collection as it was at `version`, rewound from the current state.
    func state(at version: Int) -> [ObjectKey: JSONValue] {
        var state = objects
        for entry in history.reversed() {
            guard entry.version > version else { break }
            let key = ObjectKey(object: entry.object)!
            if let previous = entry.previous {
                state[key] = previous
            } else {
                state.removeValue(forKey: key)
            }
        }
        return state
    }

    /// A page of the list; `nil` for 410 Gone (the continue token's snapshot was compacted).
    func list(limit: Int?, continue token: String?) -> ListPage? {
        var snapshot = version
        var offset = 0
        if let token {
            let parts = token.split(separator: ":").map { Int($0)! }
            (snapshot, offset) = (parts[0], parts[1])
            guard snapshot >= compactedThrough else { return nil }
        }
        let items = state(at: snapshot).sorted { $0.key < $1.key }.map(\.value)
        let end = limit.map { min(offset + $0, items.count) } ?? items.count
        let more = end < items.count ? "\(snapshot):\(end)" : nil
        return ListPage(items: Array(items[offset..<end]), resourceVersion: String(snapshot), continueToken: more)
    }

    /// The events a watch from `resourceVersion` receives; `nil` for 410 Gone.
    func watch(from resourceVersion: String) -> [WatchEvent]? {
        let from = Int(resourceVersion)!
        guard from >= compactedThrough else { return nil }
        // Every change appends one entry and takes the next version, so version v is history[v - 1].
        return history[min(from, history.count)...].map { entry in
            switch entry.change {
            case .added: return .added(entry.object)
            case .modified: return .modified(entry.object)
            case .deleted: return .deleted(entry.object)
            }
        }
    }

    /// A watch response body, one JSON line per event, as the server writes it: the events from
    /// `resourceVersion` (then a bookmark at the current version if asked), or one ERROR line.
    func watchResponse(from resourceVersion: String, bookmark: Bool, failing: Bool = false) -> [UInt8] {
        func line(_ type: String, _ object: JSONValue) -> String {
            JSONValue.object(JSONObject([("type", .string(type)), ("object", object)])).jsonString + "\n"
        }
        if failing {
            return Array(line("ERROR", ["kind": "Status", "code": 500, "reason": "InternalError"]).utf8)
        }
        guard let events = watch(from: resourceVersion) else {
            return Array(line("ERROR", ["kind": "Status", "code": 410, "reason": "Expired"]).utf8)
        }
        var body = ""
        for event in events {
            switch event {
            case .added(let object): body += line("ADDED", object)
            case .modified(let object): body += line("MODIFIED", object)
            case .deleted(let object): body += line("DELETED", object)
            default: break
            }
        }
        if bookmark { body += line("BOOKMARK", ["metadata": ["resourceVersion": .string(String(version))]]) }
        return Array(body.utf8)
    }
}
