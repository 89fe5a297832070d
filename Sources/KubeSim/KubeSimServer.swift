import HTTPServing
import KubeObjects

/// An in-process Kubernetes API server on loopback, for controller tests and the embedded demo.
///
/// It serves discovery, CRUD, `status` and `scale` subresources, merge and JSON patches, paged
/// lists and watches (resume, bookmarks, 410 on expired history) for a fixed set of built-in types
/// and for any custom resource a created CRD declares, answering JSON in the shapes kubectl and
/// client libraries expect. Tests also use it to inject faults: failed requests, latency, dropped
/// watches, compaction and restarts.
///
/// Caveats: no admission, defaulting, schema validation, garbage collection (except namespace and
/// CRD contents), server-side apply, protobuf, or OpenAPI (`/openapi/*` is 404). Strategic merge
/// patches are applied as JSON merge patches. Objects live in memory; they survive `stop()` and
/// `start()` on the same server value.
public actor KubeSimServer {
    public let configuration: KubeSimConfiguration
    private let store: ObjectStore
    private let faults = FaultInjector()
    private var server: HTTPServer?
    /// The port of the last successful `start()`: a restart reuses it.
    public private(set) var port: Int?

    public init(configuration: KubeSimConfiguration = KubeSimConfiguration()) {
        self.configuration = configuration
        self.store = ObjectStore(retainedChanges: configuration.retainedChanges)
    }

    /// `http://127.0.0.1:PORT`, once started.
    public var baseURL: String? {
        port.map { "http://\(configuration.host):\($0)" }
    }

    /// Starts listening (on the configured port, or on the previous one after a `stop()`) and
    /// returns the port. Starting a running server does nothing.
    @discardableResult
    public func start() async throws -> Int {
        if let port, server != nil { return port }
        let listener = HTTPListener(handler: APIHandler(store: store, faults: faults, configuration: configuration))
        let server = HTTPServer(host: configuration.host, port: port ?? configuration.port) { request in
            await listener.respond(to: request)
        }
        let bound: Int
        do {
            bound = try await server.start()
        } catch {
            throw StatusError(.internalError, "cannot listen on \(configuration.host): \(error)")
        }
        port = bound
        self.server = server
        return bound
    }

    /// Stops listening and closes every connection. The objects stay for the next `start()`.
    public func stop() async {
        guard let server else { return }
        await store.closeAllWatches()
        await server.stop()
        self.server = nil
    }

    // MARK: - Fault injection

    /// Ends every open watch response now, as a restart or a proxy timeout would.
    public func dropAllWatches() async {
        await store.closeAllWatches()
    }

    /// Answers the next `count` requests that match with `fault` instead of serving them.
    public func injectFault(_ fault: InjectedFault, count: Int, matching matcher: RequestMatcher = .any) async {
        await faults.add(fault, count: count, matching: matcher)
    }

    /// Delays every request by `latency` before it is served (`.zero` to stop).
    public func setLatency(_ latency: Duration) async {
        await faults.setLatency(latency)
    }

    /// Disarms every injected fault and the latency.
    public func clearFaults() async {
        await faults.clear()
    }

    /// Forgets the change history, as an etcd compaction does: watches resuming from, and continue
    /// tokens issued at, any earlier resourceVersion get 410 `Expired`.
    public func compact() async {
        await store.compact()
    }

    /// The current resourceVersion.
    public var resourceVersion: String {
        get async { String(await store.revision) }
    }

    /// Open watch responses, for tests that wait for a client to (re)connect.
    public var openWatchCount: Int {
        get async { await store.openWatchCount }
    }
}
