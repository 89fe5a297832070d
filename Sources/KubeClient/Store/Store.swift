import KubeObjects

/// A reflector cache: the current objects of one resource, fed by a watcher's events, indexed by
/// `namespace/name` and by label, read through immutable snapshots.
///
/// One writer (the task that drives a `WatchStateMachine`) calls `apply(_:)`; any number of
/// readers take `snapshot()`s. Controllers register handlers to hear about changes and turn them
/// into work-queue keys, and start their workers after `waitUntilSynced()`.
///
/// Guarantees:
/// - Readers never see half a list: a `.restarted` list replaces the contents in one step.
/// - `hasSynced` turns true with the first complete list and stays true.
/// - Handlers hear about committed changes only, in commit order, each change once to each
///   handler. A relist is reported as the difference from the previous contents (additions,
///   updates, deletions), not as a flood of additions.
/// - An object whose resourceVersion equals the stored one's is not a change: applying it again
///   does nothing and notifies nobody (resourceVersions are compared for equality only).
/// - With a single writer, every handler has run for a change by the time `apply(_:)` returns.
///
/// Caveats: handlers run on the writer's time, so a slow handler slows the watch; they should
/// only enqueue. Objects without `metadata.name` are ignored.
///
/// A store keeps the objects themselves (`Store`) or a smaller record of each (`CachedObject`),
/// made as the object arrives.
public actor TypedStore<Object: CachedObject> {
    public nonisolated let resource: GroupResource?
    private var objects: [ObjectKey: Object] = [:]
    private var labels: LabelIndex
    private var synced = false
    private var syncWaiters = WaiterList()
    private var handlers: [@Sendable (TypedStoreChange<Object>) async -> Void] = []
    /// Changes committed but not yet delivered; `target` is a handler index, or `nil` for all.
    private var outbox: [(change: TypedStoreChange<Object>, target: Int?)] = []
    private var isDelivering = false

    /// - Parameters:
    ///   - resource: put in every key this store hands out.
    ///   - indexedLabels: the label keys snapshots can look objects up by; `nil`, every label.
    ///     A large cache looked up by a few labels saves an index entry per object per label.
    public init(resource: GroupResource? = nil, indexedLabels: Set<String>? = nil) {
        self.resource = resource
        labels = LabelIndex(indexing: indexedLabels)
    }

    // MARK: Writing

    /// Applies a watcher's event, then delivers the resulting changes to the handlers.
    public func apply(_ event: WatcherEvent) async {
        switch event {
        case .applied(let object):
            if let (key, record) = keyed(object) { upsert(key, record) }
        case .deleted(let object):
            if let (key, record) = keyed(object) { remove(key, record) }
        case .restarted(let list):
            replaceAll(with: list.compactMap(keyed))
        }
        await deliverPending()
    }

    /// The object's key and record; `nil` for an object without a name or one the record leaves out.
    private func keyed(_ object: JSONValue) -> (key: ObjectKey, object: Object)? {
        guard let key = ObjectKey(object: object, resource: resource), let record = Object(cachedFrom: object) else {
            return nil
        }
        return (key, record)
    }

    private func upsert(_ key: ObjectKey, _ object: Object) {
        if let old = objects[key] {
            guard !Self.isSameVersion(old, object) else { return }
            labels.remove(key, old)
            outbox.append((.updated(key, old: old, new: object), nil))
        } else {
            outbox.append((.added(key, object), nil))
        }
        objects[key] = object
        labels.insert(key, object)
    }

    private func remove(_ key: ObjectKey, _ object: Object) {
        guard let old = objects.removeValue(forKey: key) else { return }
        labels.remove(key, old)
        outbox.append((.deleted(key, object), nil))
    }

    private func replaceAll(with list: [(key: ObjectKey, object: Object)]) {
        var fresh: [ObjectKey: Object] = [:]
        fresh.reserveCapacity(list.count)
        for (key, object) in list {
            fresh[key] = object
        }
        for key in objects.keys.sorted() where fresh[key] == nil {
            outbox.append((.deleted(key, objects[key]!), nil))
        }
        for key in fresh.keys.sorted() {
            let new = fresh[key]!
            if let old = objects[key] {
                if !Self.isSameVersion(old, new) { outbox.append((.updated(key, old: old, new: new), nil)) }
            } else {
                outbox.append((.added(key, new), nil))
            }
        }
        objects = fresh
        labels = LabelIndex(fresh, indexing: labels.indexed)
        if !synced {
            synced = true
            syncWaiters.resumeAll()
        }
    }

    /// Equal resourceVersions mean the same version of the object; without them, equal content.
    private static func isSameVersion(_ old: Object, _ new: Object) -> Bool {
        if let oldVersion = old.cachedResourceVersion, let newVersion = new.cachedResourceVersion {
            return oldVersion == newVersion
        }
        return old == new
    }

    // MARK: Reading

    /// The store's contents now, as a value.
    public func snapshot() -> TypedStoreSnapshot<Object> {
        TypedStoreSnapshot(resource: resource, hasSynced: synced, objects: objects, labels: labels)
    }

    /// The object with this key, if present; for one lookup without taking a snapshot.
    public func object(for key: ObjectKey) -> Object? { objects[key] }

    /// Whether a complete list has been applied.
    public var hasSynced: Bool { synced }

    /// Returns once a complete list has been applied; throws `CancellationError` if the task is
    /// cancelled first.
    public func waitUntilSynced() async throws {
        while !synced {
            try Task.checkCancellation()
            let id = syncWaiters.reserve()
            await withTaskCancellationHandler {
                await withCheckedContinuation { syncWaiters.park(id, $0) }
            } onCancel: {
                Task { await self.resumeSyncWaiter(id) }
            }
        }
    }

    private func resumeSyncWaiter(_ id: UInt64) { syncWaiters.resume(id) }

    // MARK: Handlers

    /// Registers `handler` for every later change. The objects already in the store are first
    /// reported to it (and only to it) as additions, so a late handler misses nothing.
    public func addHandler(_ handler: @escaping @Sendable (TypedStoreChange<Object>) async -> Void) async {
        handlers.append(handler)
        let index = handlers.count - 1
        for key in objects.keys.sorted() {
            outbox.append((.added(key, objects[key]!), index))
        }
        await deliverPending()
    }

    /// Delivers the outbox in order. A call made while another is delivering (a handler that
    /// writes to the store, or a second writer) leaves its changes to the delivery in progress.
    private func deliverPending() async {
        guard !isDelivering else { return }
        isDelivering = true
        var next = 0
        while next < outbox.count {
            let delivery = outbox[next]
            next += 1
            if let target = delivery.target {
                await handlers[target](delivery.change)
            } else {
                for handler in handlers { await handler(delivery.change) }
            }
        }
        outbox.removeAll()
        isDelivering = false
    }
}

/// The store most caches are: the objects as the API server sent them.
public typealias Store = TypedStore<JSONValue>
