import NIOCore
import NIOHTTP1
import NIOPosix

/// The HTTP/1.1 side: accepts connections, reads whole requests, and writes answers, streaming
/// watches with chunked encoding (NIO adds it to a response without a Content-Length).
///
/// Each connection is a child task of the listener's task, so cancelling that task closes every
/// connection, watches included.
struct HTTPListener: Sendable {
    typealias Connection = NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>

    let handler: APIHandler

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
