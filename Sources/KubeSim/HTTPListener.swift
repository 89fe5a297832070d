import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// The HTTP/1.1 side: accepts connections, reads whole requests, and writes answers, streaming
/// watches with chunked encoding (NIO adds it to a response without a Content-Length).
///
/// Each connection is a child task of the listener's task. Stopping never cancels the accept
/// loop: a connection NIO has accepted but the loop has not taken yet would be dropped without
/// being closed, which NIO treats as a programming error and traps on. Instead the listening
/// socket is closed, the loop takes what is left (and closes it at once), and every open
/// connection is closed through `OpenConnections`.
struct HTTPListener: Sendable {
    typealias Connection = NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>

    let handler: APIHandler
    let connections: OpenConnections

    /// Binds the socket; the caller then runs `serve(_:)` in a task.
    static func bind(host: String, port: Int) async throws -> NIOAsyncChannel<Connection, Never> {
        try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .bind(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    return try Connection(wrappingChannelSynchronously: channel)
                }
            }
    }

    func serve(_ listener: NIOAsyncChannel<Connection, Never>) async {
        try? await listener.executeThenClose { inbound in
            try await withThrowingDiscardingTaskGroup { group in
                for try await connection in inbound {
                    group.addTask { await self.serve(connection: connection) }
                }
            }
        }
    }

    private func serve(connection: Connection) async {
        try? await connection.executeThenClose { inbound, outbound in
            guard let id = connections.open(connection.channel) else { return }
            defer { connections.closed(id) }
            var head: HTTPRequestHead?
            var body = ByteBuffer()
            for try await part in inbound {
                switch part {
                case .head(let requestHead):
                    head = requestHead
                    body.clear()
                case .body(var chunk):
                    body.writeBuffer(&chunk)
                case .end:
                    guard let requestHead = head else { continue }
                    let request = APIRequest(
                        method: requestHead.method.rawValue, uri: requestHead.uri,
                        headers: requestHead.headers.map { ($0.name, $0.value) },
                        body: body.readableBytesView.map { $0 })
                    let response = await handler.handle(request)
                    try await write(response, to: outbound)
                    if !requestHead.isKeepAlive { return }
                }
            }
        }
    }

    private func write(_ response: APIResponse, to outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>)
        async throws
    {
        switch response {
        case let .document(status, headers, body):
            var fields = HTTPHeaders(headers)
            let bytes = ByteBuffer(string: body)
            fields.replaceOrAdd(name: "Content-Length", value: String(bytes.readableBytes))
            try await outbound.write(.head(HTTPResponseHead(version: .http1_1, status: .init(statusCode: status), headers: fields)))
            try await outbound.write(.body(.byteBuffer(bytes)))
            try await outbound.write(.end(nil))
        case let .watch(events, companions):
            defer { for task in companions { task.cancel() } }
            let fields = HTTPHeaders([("Content-Type", "application/json")])
            try await outbound.write(.head(HTTPResponseHead(version: .http1_1, status: .ok, headers: fields)))
            for await line in events {
                try await outbound.write(.body(.byteBuffer(ByteBuffer(string: line))))
            }
            try await outbound.write(.end(nil))
        }
    }
}

/// The connections a listener has open, so that stopping can close them all (idle keep-alive
/// connections included, which would otherwise wait for a next request forever).
final class OpenConnections: Sendable {
    private struct State {
        var stopping = false
        var nextID = 0
        var open: [Int: any Channel] = [:]
    }

    private let state = Mutex(State())

    /// Registers a connection; `nil` when the listener is stopping (close it at once).
    func open(_ channel: any Channel) -> Int? {
        state.withLock { state in
            guard !state.stopping else { return nil }
            state.nextID += 1
            state.open[state.nextID] = channel
            return state.nextID
        }
    }

    func closed(_ id: Int) { _ = state.withLock { $0.open.removeValue(forKey: id) } }

    /// Refuses new connections and closes every open one.
    func closeAll() {
        let open = state.withLock { state in
            state.stopping = true
            return Array(state.open.values)
        }
        for channel in open { channel.close(promise: nil) }
    }

    /// Accepts connections again (a restarted server).
    func reopen() { state.withLock { $0.stopping = false } }
}
