import NIOCore
import NIOHTTP1
import NIOPosix

/// A small HTTP/1.1 server on swift-nio that answers each request with an async responder: the
/// in-process API server's transport and the controller's telemetry endpoints.
///
/// Keep-alive, requests answered one at a time per connection, whole bodies or streamed ones
/// (watches). Guarantees: `start()` returns once the socket listens, with the bound port (pass 0
/// for a free one); `stop()` stops accepting, lets every answer being written finish (a streamed
/// one until its stream ends), closes idle connections, and returns when every connection is
/// closed. A stopped server can be started again.
///
/// Connections are plain NIO pipelines that hand complete requests to a task of their own, set up
/// before the connection is active. NIO's async server channel is deliberately not used: when a
/// server stops while a connection is being accepted, that connection's async wrapper is released
/// unused, which NIO traps on (apple/swift-nio#2637).
public actor HTTPServer {
    public let host: String
    public let requestedPort: Int
    private let respond: @Sendable (ServedRequest) async -> ServedResponse
    private let registry = ConnectionRegistry()
    private var listener: (any Channel)?
    /// The bound port while running.
    public private(set) var port: Int?

    public init(host: String, port: Int, respond: @escaping @Sendable (ServedRequest) async -> ServedResponse) {
        self.host = host
        self.requestedPort = port
        self.respond = respond
    }

    /// Starts listening; returns the bound port. Starting a running server returns its port.
    @discardableResult
    public func start() async throws -> Int {
        if let port, listener != nil { return port }
        registry.reopen()
        let registry = self.registry
        let respond = self.respond
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            // A client that shuts down its sending side after a request still gets the answer
            // (a watch's included).
            .childChannelOption(ChannelOptions.allowRemoteHalfClosure, value: true)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let (requests, continuation) = AsyncStream<ReadRequest>.makeStream()
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(RequestReader(requests: continuation))
                    guard let id = registry.open(channel) else {
                        continuation.finish()
                        channel.close(promise: nil)
                        return
                    }
                    let connection = ServedConnection(channel: channel, id: id, registry: registry, respond: respond)
                    Task { await connection.serve(requests) }
                }
            }
            .bind(host: host, port: requestedPort).get()
        guard let bound = channel.localAddress?.port else {
            try? await channel.close()
            throw HTTPServerError(message: "the listening socket on \(host):\(requestedPort) has no port")
        }
        listener = channel
        port = bound
        return bound
    }

    /// Stops gracefully (see the type's guarantees). Stopping a stopped server does nothing.
    public func stop() async {
        guard let listener else { return }
        registry.stop()
        try? await listener.close()
        await registry.waitUntilAllClosed()
        self.listener = nil
        port = nil
    }
}

/// The server could not start.
public struct HTTPServerError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
