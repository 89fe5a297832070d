import KubeObjects

/// The `type` of a watch event.
enum WatchEventType: String, Sendable {
    case added = "ADDED"
    case modified = "MODIFIED"
    case deleted = "DELETED"
    case bookmark = "BOOKMARK"
    case error = "ERROR"
}

/// How a watch writes objects: plain, or as one-row `Table`s for `kubectl get -w`.
enum ObjectEncoding: Sendable, Equatable {
    case object
    case table
}

/// What one open watch wants to hear about.
struct WatchFilter: Sendable {
    var type: ResourceType
    var namespace: String?
    var labels: LabelSelector
    var fields: FieldSelector
    var encoding: ObjectEncoding

    func matches(_ object: JSONValue) -> Bool {
        if let namespace, object.namespace != namespace { return false }
        return labels.matches(object) && fields.matches(object)
    }
}

extension ObjectStore {
    /// An open watch: its filter and the stream its HTTP response is writing.
    struct Watch: Sendable {
        var filter: WatchFilter
        var continuation: AsyncStream<[UInt8]>.Continuation
    }

    /// Opens a watch. With no resourceVersion (or `"0"`) it starts with an ADDED event for every
    /// matching object, as a real server does; with one, it replays the logged changes after it,
    /// or throws 410 `Expired` when the log no longer reaches back that far.
    func openWatch(_ filter: WatchFilter, resourceVersion: String?) throws(StatusError) -> (
        id: Int, events: AsyncStream<[UInt8]>
    ) {
        var backlog: [[UInt8]] = []
        if let resourceVersion, !resourceVersion.isEmpty, resourceVersion != "0" {
            guard let start = Int64(resourceVersion) else {
                throw StatusError(.badRequest, "invalid resource version: \(resourceVersion)")
            }
            guard start >= compactedThrough else {
                throw StatusError(.expired, "too old resource version: \(start) (\(compactedThrough + 1))")
            }
            for change in changes where change.revision > start && change.storage == filter.type.storageKey {
                if let line = eventLine(for: change, filter) { backlog.append(line) }
            }
        } else {
            let current = objects[filter.type.storageKey] ?? [:]
            for key in current.keys.sorted() {
                guard let object = current[key], filter.matches(object) else { continue }
                backlog.append(Self.line(.added, render(object, as: filter.type), filter))
            }
        }
        let (events, continuation) = AsyncStream.makeStream(of: [UInt8].self)
        for line in backlog { continuation.yield(line) }
        nextWatchID += 1
        let id = nextWatchID
        watches[id] = Watch(filter: filter, continuation: continuation)
        continuation.onTermination = { [weak self] _ in
            Task { await self?.closeWatch(id) }
        }
        return (id, events)
    }

    /// Ends one watch's response (its timeout ran out, or the client went away).
    func closeWatch(_ id: Int) {
        watches.removeValue(forKey: id)?.continuation.finish()
    }

    /// Ends every open watch response at once, as an API server restart or a load balancer would.
    func closeAllWatches() {
        let open = watches
        watches.removeAll()
        for watch in open.values { watch.continuation.finish() }
    }

    var openWatchCount: Int { watches.count }

    /// Sends a BOOKMARK carrying the current revision; `false` once the watch has closed.
    ///
    /// Written from inside the actor, so a bookmark is never ahead of an event it claims to cover.
    func sendBookmark(_ id: Int) -> Bool {
        guard let watch = watches[id] else { return false }
        var metadata = JSONObject()
        metadata["resourceVersion"] = .string(String(revision))
        let object: JSONValue = .object(JSONObject([
            ("kind", .string(watch.filter.type.kind)), ("apiVersion", .string(watch.filter.type.apiVersion)),
            ("metadata", .object(metadata)),
        ]))
        watch.continuation.yield(Self.eventBytes("BOOKMARK", object))
        return true
    }

    func deliver(_ change: Change) {
        for watch in watches.values where watch.filter.type.storageKey == change.storage {
            if let line = eventLine(for: change, watch.filter) { watch.continuation.yield(line) }
        }
    }

    /// The event a watch with `filter` sees for `change`: a modification that moves an object into
    /// or out of the selection is an ADDED or DELETED for that watch, as on a real server.
    private func eventLine(for change: Change, _ filter: WatchFilter) -> [UInt8]? {
        let matchesNow = filter.matches(change.object)
        let matchedBefore = change.previous.map(filter.matches) ?? false
        let type: WatchEventType
        switch change.type {
        case .added:
            guard matchesNow else { return nil }
            type = .added
        case .deleted:
            guard matchesNow else { return nil }
            type = .deleted
        default:
            switch (matchedBefore, matchesNow) {
            case (true, true): type = .modified
            case (false, true): type = .added
            case (true, false): type = .deleted
            case (false, false): return nil
            }
        }
        return Self.line(type, render(change.object, as: filter.type), filter)
    }

    static func line(_ type: WatchEventType, _ object: JSONValue, _ filter: WatchFilter) -> [UInt8] {
        let body = filter.encoding == .table ? TableView.table(for: [object], type: filter.type, revision: nil) : object
        return eventBytes(type.rawValue, body)
    }

    /// The single ERROR event a watch request gets when it cannot start, e.g. a 410 on resume.
    static func errorLine(_ error: StatusError) -> [UInt8] {
        eventBytes("ERROR", error.jsonValue)
    }

    /// One line of a watch stream: `{"type":…,"object":…}` and a line break, as bytes (the
    /// stream writes them as they are).
    static func eventBytes(_ type: String, _ object: JSONValue) -> [UInt8] {
        var bytes = JSONValue.object(JSONObject([("type", .string(type)), ("object", object)])).jsonBytes
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }
}
