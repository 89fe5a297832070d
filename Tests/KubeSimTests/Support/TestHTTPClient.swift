import KubeObjects
import NIOCore
import NIOHTTP1
import NIOPosix

/// A minimal HTTP/1.1 client for the tests: one connection per request, so a test sees exactly
/// what the server wrote, and watch bodies arrive line by line as they are streamed.
struct TestHTTPClient: Sendable {
    typealias Connection = NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>

    struct Response: Sendable {
        var status: Int
        var headers: HTTPHeaders
        var body: String
        var json: JSONValue { (try? JSONValue(parsing: body)) ?? .null }
    }

    let port: Int
    var token: String?

    func get(_ path: String, accept: String? = nil) async throws -> Response {
        try await send("GET", path, headers: accept.map { [("Accept", $0)] } ?? [])
    }

    func send(
        _ method: String, _ path: String, body: JSONValue? = nil, contentType: String = "application/json",
        headers: [(String, String)] = []
    ) async throws -> Response {
        let connection = try await connect()
        return try await connection.executeThenClose { inbound, outbound in
            try await writeRequest(method, path, body: body, contentType: contentType, headers: headers, to: outbound)
            var status = 0
            var responseHeaders = HTTPHeaders()
            var collected = ByteBuffer()
            for try await part in inbound {
                switch part {
                case .head(let head):
                    status = Int(head.status.code)
                    responseHeaders = head.headers
                case .body(var chunk): collected.writeBuffer(&chunk)
                case .end: return Response(status: status, headers: responseHeaders, body: String(buffer: collected))
                }
            }
            return Response(status: status, headers: responseHeaders, body: String(buffer: collected))
        }
    }

    /// Opens a watch and yields each event as it arrives; the stream ends when the server ends the
    /// response. Cancelling the consuming task closes the connection.
    /// Opens a watch and returns once the server has answered with the response head. The server
    /// registers the watcher before it sends the head, so changes made after this returns are
    /// guaranteed to reach the stream (returning earlier would race the caller's next request).
    func watch(_ path: String) async throws -> AsyncThrowingStream<JSONValue, any Error> {
        let connection = try await connect()
        let (events, continuation) = AsyncThrowingStream.makeStream(of: JSONValue.self)
        let (answered, answer) = AsyncStream.makeStream(of: Void.self)
        let reader = Task {
            defer { answer.finish() }
            do {
                try await connection.executeThenClose { inbound, outbound in
                    try await writeRequest("GET", path, body: nil, contentType: "", headers: [], to: outbound)
                    var pending = ""
                    for try await part in inbound {
                        guard case .body(let chunk) = part else {
                            if case .head = part { answer.finish() }
                            if case .end = part { break }
                            continue
                        }
                        pending += String(buffer: chunk)
                        while let newline = pending.firstIndex(of: "\n") {
                            let line = String(pending[..<newline])
                            pending = String(pending[pending.index(after: newline)...])
                            if !line.isEmpty { continuation.yield(try JSONValue(parsing: line)) }
                        }
                    }
                }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in reader.cancel() }
        for await _ in answered {}
        return events
    }

    private func connect() async throws -> Connection {
        try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    return try Connection(wrappingChannelSynchronously: channel)
                }
            }
    }

    private func writeRequest(
        _ method: String, _ path: String, body: JSONValue?, contentType: String, headers: [(String, String)],
        to outbound: NIOAsyncChannelOutboundWriter<HTTPClientRequestPart>
    ) async throws {
        var fields = HTTPHeaders([("Host", "127.0.0.1:\(port)"), ("Connection", "close")])
        if let token { fields.add(name: "Authorization", value: "Bearer \(token)") }
        for (name, value) in headers { fields.add(name: name, value: value) }
        let bytes = body.map { ByteBuffer(string: $0.jsonString) }
        if let bytes {
            fields.add(name: "Content-Type", value: contentType)
            fields.add(name: "Content-Length", value: String(bytes.readableBytes))
        }
        try await outbound.write(
            .head(HTTPRequestHead(version: .http1_1, method: HTTPMethod(rawValue: method), uri: path, headers: fields)))
        if let bytes { try await outbound.write(.body(.byteBuffer(bytes))) }
        try await outbound.write(.end(nil))
    }
}

extension AsyncThrowingStream where Element == JSONValue {
    /// The next `count` events, in order.
    func take(_ count: Int) async throws -> [JSONValue] {
        var result: [JSONValue] = []
        var iterator = makeAsyncIterator()
        while result.count < count, let event = try await iterator.next() { result.append(event) }
        return result
    }
}
