import KubeClient
import KubeObjects
import Placement

/// Two reflectors per member cluster: the Deployments Flotilla manages there, and the pods
/// waiting to be scheduled (for auto-migration).
///
/// The workload controller reads member objects from these stores (never one GET per workload),
/// and every change in a member enqueues the host workload the object came from. A member's
/// reflectors restart when its client changes (new credentials) and stop when the cluster is
/// gone. Only Deployments labelled as managed by Flotilla are watched: the rest of a member is none
/// of Flotilla's business. Each copy is cached as a `MemberCopy` record, not as the whole object;
/// each pending pod as a `PendingPod`, and only while it is pending.
public actor MemberWatches {
    private struct Watch {
        var copies: TypedReflector<MemberCopy>
        var pendingPods: TypedReflector<PendingPod>
        var task: Task<Void, Never>
        var transport: ObjectIdentifier
        /// When the watch started (real time): readers wait for its first list until
        /// `startedAt + syncWait`, not each for `syncWait` of their own.
        var startedAt: ContinuousClock.Instant
    }

    private let clients: any MemberClientSource
    private let watchTimeoutSeconds: Int
    private let onChange: @Sendable (_ cluster: String, _ change: TypedStoreChange<MemberCopy>) async -> Void
    private let onPodChange: @Sendable (_ cluster: String, _ change: TypedStoreChange<PendingPod>) async -> Void
    private let onLateSync: @Sendable (_ cluster: String) async -> Void
    private let syncWait: Duration
    private var watches: [String: Watch] = [:]
    /// Set once the controller has waited for the members' first lists: a member that lists
    /// after that (it was down, or its credentials came late) is announced through `onLateSync`.
    private var announcesLateSyncs = false
    /// Set by `stopAll`: the controller is done, and nothing may start a watch again (a client
    /// handler or a last reconcile could otherwise revive one).
    private var stopped = false

    /// - Parameters:
    ///   - syncWait: how long after a member's watch starts its readers wait for the first
    ///     list. After that an unlisted member is unknown at once: a member that is down must
    ///     not make every reconcile wait.
    ///   - onLateSync: a member listed for the first time after `waitForFirstLists`; the
    ///     workloads that failed on it meanwhile are in backoff and should be looked at now.
    public init(
        clients: any MemberClientSource, watchTimeoutSeconds: Int = 300, syncWait: Duration = .seconds(10),
        onPodChange: @escaping @Sendable (_ cluster: String, _ change: TypedStoreChange<PendingPod>) async -> Void = {
            _, _ in
        },
        onLateSync: @escaping @Sendable (_ cluster: String) async -> Void = { _ in },
        onChange: @escaping @Sendable (_ cluster: String, _ change: TypedStoreChange<MemberCopy>) async -> Void
    ) {
        self.clients = clients
        self.watchTimeoutSeconds = watchTimeoutSeconds
        self.syncWait = syncWait
        self.onPodChange = onPodChange
        self.onLateSync = onLateSync
        self.onChange = onChange
    }

    /// Watches exactly `clusters`: starts what is missing or has a new client, stops the rest.
    public func sync(clusters: Set<String>) async {
        for (name, watch) in watches where !clusters.contains(name) {
            watch.task.cancel()
            watches[name] = nil
        }
        for name in clusters.sorted() { await startWatch(name) }
    }

    /// Starts watching `cluster` unless it is watched with its current client already; stops the
    /// watch when the cluster has no usable client.
    private func startWatch(_ name: String) async {
        guard !stopped else { return }
        guard let api = await clients.client(for: name) else {
            watches.removeValue(forKey: name)?.task.cancel()
            return
        }
        let transport = ObjectIdentifier(api.transport as AnyObject)
        if let current = watches[name], current.transport == transport { return }
        watches.removeValue(forKey: name)?.task.cancel()
        let copies = TypedReflector<MemberCopy>(
            api: api, resource: .deployments,
            labelSelector: "\(MemberObject.managedByLabel)=\(MemberObject.managedByValue)",
            watchTimeoutSeconds: watchTimeoutSeconds)
        let pendingPods = TypedReflector<PendingPod>(
            api: api, resource: .pods, fieldSelector: PendingPod.fieldSelector, watchTimeoutSeconds: watchTimeoutSeconds)
        let onChange = self.onChange
        let onPodChange = self.onPodChange
        await copies.store.addHandler { change in await onChange(name, change) }
        await pendingPods.store.addHandler { change in await onPodChange(name, change) }
        let task = Task {
            await withDiscardingTaskGroup { group in
                group.addTask { await copies.run() }
                group.addTask { await pendingPods.run() }
                group.addTask {
                    guard (try? await copies.store.waitUntilSynced()) != nil else { return }
                    await self.listed(name, transport: transport)
                }
            }
        }
        watches[name] = Watch(
            copies: copies, pendingPods: pendingPods, task: task, transport: transport, startedAt: .now)
    }

    /// A member's watch (still the current one) completed its first list.
    private func listed(_ name: String, transport: ObjectIdentifier) async {
        guard announcesLateSyncs, watches[name]?.transport == transport else { return }
        await onLateSync(name)
    }

    /// Waits until every watched member has listed or its wait has run out; members that list
    /// later are announced through `onLateSync` from now on.
    public func waitForFirstLists() async {
        for name in watches.keys.sorted() { _ = await syncedStore(for: name) }
        announcesLateSyncs = true
    }

    /// The cache of one member's managed Deployments, if it is being watched.
    public func store(for cluster: String) -> TypedStore<MemberCopy>? { watches[cluster]?.copies.store }


    /// The cache of one member once it holds a complete list; `nil` when the member is not
    /// watched or has not listed. While the watch is younger than `syncWait` this waits for the
    /// first list (at start-up it is moments away); after that it answers at once.
    ///
    /// Reading a cache that has not listed yet would make every object look absent: the
    /// controller would recreate members' objects and misjudge auto-migration. An unsynced
    /// member is therefore "unknown", never "empty".
    public func syncedStore(for cluster: String, waiting: Bool = true) async -> TypedStore<MemberCopy>? {
        // A cluster whose client appeared after the last `sync` (credentials resolved later) is
        // watched from its first use.
        if watches[cluster] == nil { await startWatch(cluster) }
        guard let watch = watches[cluster] else { return nil }
        let store = watch.copies.store
        if await store.hasSynced { return store }
        let remaining = watch.startedAt + syncWait - .now
        guard waiting, remaining > .zero else { return nil }
        let synced = await withTaskGroup(of: Bool.self) { group in
            group.addTask { (try? await store.waitUntilSynced()) != nil }
            group.addTask {
                try? await Task.sleep(for: remaining)
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
        return synced ? store : nil
    }

    public var clusters: [String] { watches.keys.sorted() }

    public func stopAll() {
        stopped = true
        for watch in watches.values { watch.task.cancel() }
        watches = [:]
    }
}
