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
    }

    private let clients: any MemberClientSource
    private let watchTimeoutSeconds: Int
    private let onChange: @Sendable (_ cluster: String, _ change: TypedStoreChange<MemberCopy>) async -> Void
    private let onPodChange: @Sendable (_ cluster: String, _ change: TypedStoreChange<PendingPod>) async -> Void
    private var watches: [String: Watch] = [:]

    public init(
        clients: any MemberClientSource, watchTimeoutSeconds: Int = 300,
        onPodChange: @escaping @Sendable (_ cluster: String, _ change: TypedStoreChange<PendingPod>) async -> Void = {
            _, _ in
        },
        onChange: @escaping @Sendable (_ cluster: String, _ change: TypedStoreChange<MemberCopy>) async -> Void
    ) {
        self.clients = clients
        self.watchTimeoutSeconds = watchTimeoutSeconds
        self.onPodChange = onPodChange
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
            }
        }
        watches[name] = Watch(copies: copies, pendingPods: pendingPods, task: task, transport: transport)
    }

    /// The cache of one member's managed Deployments, if it is being watched.
    public func store(for cluster: String) -> TypedStore<MemberCopy>? { watches[cluster]?.copies.store }


    /// The cache of one member once it holds a complete list, waiting up to `timeout` (real
    /// time) for the first list; `nil` when the member is not watched or has not answered.
    ///
    /// Reading a cache that has not listed yet would make every object look absent: the
    /// controller would recreate members' objects and misjudge auto-migration. An unsynced
    /// member is therefore "unknown", never "empty".
    public func syncedStore(for cluster: String, timeout: Duration = .seconds(10)) async -> TypedStore<MemberCopy>? {
        // A cluster whose client appeared after the last `sync` (credentials resolved later) is
        // watched from its first use.
        if watches[cluster] == nil { await startWatch(cluster) }
        guard let store = watches[cluster]?.copies.store else { return nil }
        if await store.hasSynced { return store }
        let synced = await withTaskGroup(of: Bool.self) { group in
            group.addTask { (try? await store.waitUntilSynced()) != nil }
            group.addTask {
                try? await Task.sleep(for: timeout)
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
        for watch in watches.values { watch.task.cancel() }
        watches = [:]
    }
}
