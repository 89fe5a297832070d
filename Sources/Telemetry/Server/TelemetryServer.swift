import HTTPServing

/// The controller process's own HTTP endpoints: `/metrics` (Prometheus text format 0.0.4),
/// `/healthz` (200 while the process serves at all) and `/readyz` (the readiness closure's
/// answer: 200 `ok`, or 503 with the reason); 404 for anything else.
///
/// Plain HTTP/1.1 with keep-alive, on swift-nio. Meant for a pod's probes and a Prometheus
/// scraper inside the cluster network: no TLS and no authentication, so bind it to an address
/// only they reach.
///
/// Guarantees: `start()` returns once the socket listens, with the bound port (pass port 0 for a
/// free one). `stop()` stops accepting, lets every request already being answered finish,
/// closes idle keep-alive connections, and returns when every connection is closed.
public actor TelemetryServer {
    public let host: String
    public let requestedPort: Int
    private let server: HTTPServer

    /// The bound port while running.
    public var port: Int? {
        get async { await server.port }
    }

    /// - Parameters:
    ///   - host: the address to listen on: `0.0.0.0` (every IPv4 interface, as in a pod),
    ///     `127.0.0.1`, `::`.
    ///   - readiness: asked on every `/readyz` request; it should answer quickly from state it
    ///     keeps (a flag set when caches synced), not do I/O.
    public init(
        host: String = "0.0.0.0", port: Int = 8080, registry: MetricsRegistry,
        readiness: @escaping @Sendable () async -> Readiness = { .ready }
    ) {
        self.host = host
        self.requestedPort = port
        let routes = TelemetryRoutes(registry: registry, readiness: readiness)
        server = HTTPServer(host: host, port: port) { request in
            let answer = await routes.answer(method: request.method, target: request.uri)
            return .full(
                status: answer.status, headers: [(name: "Content-Type", value: answer.contentType)],
                body: Array(answer.body.utf8))
        }
    }

    /// Starts listening; returns the bound port. Starting a running server returns its port.
    @discardableResult
    public func start() async throws -> Int {
        do {
            return try await server.start()
        } catch {
            throw TelemetryServerError(message: "cannot listen on \(host):\(requestedPort): \(error)")
        }
    }

    /// Stops gracefully (see the type's guarantees). Stopping a stopped server does nothing.
    public func stop() async {
        await server.stop()
    }
}

/// A failure to start the telemetry server.
public struct TelemetryServerError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
