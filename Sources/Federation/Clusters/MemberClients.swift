import KubeClient

/// One `KubeAPI` per member cluster, kept current by the cluster controller; the federation's
/// other controllers read it to talk to members.
///
/// A member has a client exactly when its FederatedCluster exists and its credentials resolve
/// (the Secret exists and is complete). That says nothing about health: a client is there for a
/// member that is down. Check the cluster's `Ready` and `Joined` conditions (in the clusters
/// snapshot) before relying on it.
///
/// Guarantees:
/// - `client(for:)` returns the client built from the newest credentials the controller has seen;
///   a change of the endpoint, the `insecure` flag or any value in the Secret replaces it, while
///   unchanged credentials keep the same client (and its open connections).
/// - Handlers hear of each addition, replacement and removal once, after it took effect.
///
/// Caveats: a replaced or removed client is not shut down; requests already made with it finish
/// (or fail) on their own, and its transport closes when the last copy is released. Watches on
/// a member should be restarted when a handler reports `.replaced` or `.removed`.
public actor MemberClients {
    /// What happened to one member's client.
    public enum Change: Sendable, Hashable {
        case added(String)
        /// New credentials: the old client is no longer handed out.
        case replaced(String)
        case removed(String)
    }

    private struct Entry {
        var credentials: MemberCredentials
        var api: KubeAPI
    }

    private let clock: any KubeClock
    private let retryPolicy: RetryPolicy
    private let requestTimeout: Duration
    private let makeTransport: @Sendable (ClusterConnection) -> any HTTPTransport
    private var entries: [String: Entry] = [:]
    private var handlers: [@Sendable (Change) async -> Void] = []

    /// - Parameters:
    ///   - clock: every member client's clock (retry waits); a `ManualClock` in tests.
    ///   - retryPolicy, requestTimeout: for the clients handed out (the probe uses its own).
    ///   - makeTransport: builds a transport for a connection; `CurlTransport` by default.
    public init(
        clock: any KubeClock = SystemClock(), retryPolicy: RetryPolicy = .default,
        requestTimeout: Duration = .seconds(30),
        makeTransport: @escaping @Sendable (ClusterConnection) -> any HTTPTransport = { CurlTransport(connection: $0) }
    ) {
        self.clock = clock
        self.retryPolicy = retryPolicy
        self.requestTimeout = requestTimeout
        self.makeTransport = makeTransport
    }

    // MARK: Reading

    /// The client for the member `cluster` (the FederatedCluster's name), or `nil` when there is
    /// no such member or its credentials do not resolve.
    public func client(for cluster: String) -> KubeAPI? { entries[cluster]?.api }

    /// The credentials the current client of `cluster` was built from.
    public func credentials(for cluster: String) -> MemberCredentials? { entries[cluster]?.credentials }

    /// The members that have a client, sorted.
    public var clusterNames: [String] { entries.keys.sorted() }

    /// Registers `handler` for every later change; the members that already have a client are
    /// first reported to it as `.added`.
    public func addHandler(_ handler: @escaping @Sendable (Change) async -> Void) async {
        handlers.append(handler)
        for name in entries.keys.sorted() { await handler(.added(name)) }
    }

    // MARK: Writing (the cluster controller)

    /// The client for `credentials`: the current one if it was built from equal credentials,
    /// otherwise a new one that replaces it.
    @discardableResult
    public func update(_ credentials: MemberCredentials) async -> KubeAPI {
        let cluster = credentials.cluster
        if let entry = entries[cluster], entry.credentials == credentials { return entry.api }
        let connection = credentials.connection
        let api = KubeAPI(
            transport: makeTransport(connection), authenticator: connection.authenticator, retryPolicy: retryPolicy,
            requestTimeout: requestTimeout, clock: clock)
        let change: Change = entries[cluster] == nil ? .added(cluster) : .replaced(cluster)
        entries[cluster] = Entry(credentials: credentials, api: api)
        await notify(change)
        return api
    }

    /// Drops the client of `cluster`, if it has one.
    public func remove(_ cluster: String) async {
        guard entries.removeValue(forKey: cluster) != nil else { return }
        await notify(.removed(cluster))
    }

    private func notify(_ change: Change) async {
        for handler in handlers { await handler(change) }
    }
}
