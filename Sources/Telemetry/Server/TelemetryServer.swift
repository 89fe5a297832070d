import NIOCore
import NIOHTTP1
import NIOPosix

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
    private let routes: TelemetryRoutes
    private let connections = ConnectionSet()
    private var listener: NIOAsyncChannel<TelemetryConnection.Channel, Never>?
    private var serving: Task<Void, Never>?
    /// The bound port while running.
    public private(set) var port: Int?

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
        self.routes = TelemetryRoutes(registry: registry, readiness: readiness)
    }

    /// Starts listening; returns the bound port. Starting a running server returns its port.
    @discardableResult
    public func start() async throws -> Int {
        if let port, serving != nil { return port }
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .bind(host: host, port: requestedPort) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    return try TelemetryConnection.Channel(wrappingChannelSynchronously: channel)
                }
            }
        guard let bound = channel.channel.localAddress?.port else {
            try? await channel.channel.close()
            throw TelemetryServerError(message: "the listening socket on \(host):\(requestedPort) has no port")
        }
        port = bound
        listener = channel
        connections.reopen()
        let routes = self.routes
        let connections = self.connections
        serving = Task {
            try? await channel.executeThenClose { inbound in
                await withDiscardingTaskGroup { group in
                    do {
                        for try await connection in inbound {
                            group.addTask {
                                await TelemetryConnection(channel: connection, routes: routes, connections: connections)
                                    .serve()
                            }
                        }
                    } catch {
                        // The listener was closed: stop accepting; the group waits for open connections.
                    }
                }
            }
        }
        return bound
    }

    /// Stops gracefully (see the type's guarantees). Stopping a stopped server does nothing.
    public func stop() async {
        guard let serving else { return }
        connections.closeIdleAndRefuseNew()
        try? await listener?.channel.close()
        await serving.value
        self.serving = nil
        listener = nil
        port = nil
    }
}

/// A failure to start the telemetry server.
public struct TelemetryServerError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
