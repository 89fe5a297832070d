import KubeObjects

/// Keeps a `Store` equal to one collection on an API server: lists it, watches it, and recovers
/// from every kind of interruption, for as long as its task runs.
///
/// The protocol itself (pages, resume points, 410 → relist, backoff) is `WatchStateMachine`'s;
/// the reflector only performs the machine's actions over a `KubeAPI` and feeds it the outcomes.
/// Keeping the two apart is what lets the protocol be tested without a network and the I/O be
/// tested without re-proving the protocol.
///
/// Guarantees: one request at a time; a watch stream is abandoned as soon as the machine asks for
/// something else (so no event of a superseded stream reaches the store); every wait goes through
/// the API's clock; cancelling the task ends `run()` promptly, with the store left as it was.
///
/// `Reflector` caches the objects themselves; a `TypedReflector` over a `CachedObject` record keeps
/// only the record of each.
public struct TypedReflector<Object: CachedObject>: Sendable {
    public let api: KubeAPI
    public let resource: APIResource
    /// `nil` watches every namespace (or a cluster-scoped resource).
    public let namespace: String?
    public let labelSelector: String?
    public let fieldSelector: String?
    /// Where the objects go; controllers read its snapshots and register handlers on it.
    public let store: TypedStore<Object>
    /// `limit` of each list request; `nil` lists in one response.
    public var pageSize: Int?
    /// How long the server keeps one watch open before the reflector opens the next.
    public var watchTimeoutSeconds: Int
    public var backoff: ReconnectBackoff

    public init(
        api: KubeAPI, resource: APIResource, namespace: String? = nil, labelSelector: String? = nil,
        fieldSelector: String? = nil, store: TypedStore<Object>? = nil, pageSize: Int? = 500,
        watchTimeoutSeconds: Int = 300,
        backoff: ReconnectBackoff = ReconnectBackoff()
    ) {
        self.api = api
        self.resource = resource
        self.namespace = namespace
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
        self.store = store ?? TypedStore(resource: resource.groupResource)
        self.pageSize = pageSize
        self.watchTimeoutSeconds = watchTimeoutSeconds
        self.backoff = backoff
    }

    /// Lists, then watches, until the task is cancelled.
    public func run() async {
        var machine = WatchStateMachine(pageSize: pageSize, backoff: backoff)
        var pending = machine.start()
        while !Task.isCancelled, !pending.isEmpty {
            let action = pending.removeFirst()
            switch action {
            case .emit(let event):
                await store.apply(event)
            case .backoff(let delay):
                do { try await api.clock.sleep(for: delay) } catch { return }
                pending += machine.backoffElapsed()
            case .list(let token, let limit):
                pending += await list(continue: token, limit: limit, machine: &machine)
            case .watch(let version, let bookmarks):
                pending += await watch(from: version, bookmarks: bookmarks, machine: &machine)
            }
        }
    }

    private func list(continue token: String?, limit: Int?, machine: inout WatchStateMachine) async
        -> [WatchAction]
    {
        let options = ListOptions(
            labelSelector: labelSelector, fieldSelector: fieldSelector, limit: limit, continueToken: token)
        do {
            let page = try await api.list(resource, namespace: namespace, options: options)
            return machine.listPageReceived(page)
        } catch {
            return Task.isCancelled ? [] : machine.requestFailed(error.code == .gone ? .gone : .other)
        }
    }

    /// Reads one watch stream until it ends, fails, or the machine asks for something else.
    /// Events are applied as they arrive, so a long stream keeps the store current.
    private func watch(from version: String, bookmarks: Bool, machine: inout WatchStateMachine) async
        -> [WatchAction]
    {
        let options = WatchOptions(
            resourceVersion: version, allowBookmarks: bookmarks, labelSelector: labelSelector,
            fieldSelector: fieldSelector, timeoutSeconds: watchTimeoutSeconds)
        do {
            for try await event in api.watch(resource, namespace: namespace, options: options) {
                var next: [WatchAction] = []
                for action in machine.eventReceived(event) {
                    if case .emit(let change) = action { await store.apply(change) } else { next.append(action) }
                }
                // Leaving the loop ends the stream and cancels its request.
                if !next.isEmpty { return next }
            }
            return Task.isCancelled ? [] : machine.watchEnded()
        } catch {
            if Task.isCancelled { return [] }
            let gone = (error as? KubeAPIError)?.code == .gone
            return machine.requestFailed(gone ? .gone : .other)
        }
    }
}

/// A reflector that caches the API's objects as they are.
public typealias Reflector = TypedReflector<JSONValue>
