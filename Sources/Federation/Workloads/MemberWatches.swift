import KubeClient
import KubeObjects
import Placement

/// A reflector per member cluster over the Deployments Flotilla manages there.
///
/// The workload controller reads member objects from these stores (never one GET per workload),
/// and every change in a member enqueues the host workload the object came from. A member's
/// reflector restarts when its client changes (new credentials) and stops when the cluster is
/// gone. Only objects labelled as managed by Flotilla are watched: the rest of a member is none
/// of Flotilla's business. Each copy is cached as a `MemberCopy` record, not as the whole object.
public actor MemberWatches {
    private struct Watch {
        var reflector: TypedReflector<MemberCopy>
        var task: Task<Void, Never>
        var transport: ObjectIdentifier
    }

    private let clients: any MemberClientSource
    private let watchTimeoutSeconds: Int
    private let onChange: @Sendable (_ cluster: String, _ change: TypedStoreChange<MemberCopy>) async -> Void
    private var watches: [String: Watch] = [:]

    public init(
        clients: any MemberClientSource, watchTimeoutSeconds: Int = 300,
        onChange: @escaping @Sendable (_ cluster: String, _ change: TypedStoreChange<MemberCopy>) async -> Void
    ) {
        self.clients = clients
        self.watchTimeoutSeconds = watchTimeoutSeconds
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
        let reflector = TypedReflector<MemberCopy>(
            api: api, resource: .deployments,
            labelSelector: "\(MemberObject.managedByLabel)=\(MemberObject.managedByValue)",
            watchTimeoutSeconds: watchTimeoutSeconds)
        let onChange = self.onChange
        await reflector.store.addHandler { change in await onChange(name, change) }
        watches[name] = Watch(reflector: reflector, task: Task { await reflector.run() }, transport: transport)
    }

    /// The cache of one member's managed Deployments, if it is being watched.
    public func store(for cluster: String) -> TypedStore<MemberCopy>? { watches[cluster]?.reflector.store }

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
        guard let store = watches[cluster]?.reflector.store else { return nil }
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
