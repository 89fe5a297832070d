import NIOCore
import NIOHTTP1

/// One connection's task: answers its requests one at a time, in order, until the client closes,
/// asks to close, or the server stops.
struct ServedConnection: Sendable {
    let channel: any Channel
    let id: Int
    let registry: ConnectionRegistry
    let respond: @Sendable (ServedRequest) async -> ServedResponse

    func serve(_ requests: AsyncStream<ReadRequest>) async {
        defer {
            channel.close(promise: nil)
            registry.closed(id)
        }
        for await read in requests {
            guard registry.markBusy(id) else { return }
            let response = await respond(read.request)
            do {
                try await write(response, answering: read)
            } catch {
                return
            }
            guard read.keepAlive, registry.markIdle(id) else { return }
        }
    }

    private func write(_ response: ServedResponse, answering read: ReadRequest) async throws {
        switch response {
        case let .full(status, headers, body):
            var fields = self.fields(headers, answering: read)
            fields.replaceOrAdd(name: "Content-Length", value: String(body.count))
            channel.write(HTTPServerResponsePart.head(head(status, fields, read)), promise: nil)
            if read.request.method != "HEAD" {
                channel.write(HTTPServerResponsePart.body(.byteBuffer(ByteBuffer(bytes: body))), promise: nil)
            }
            try await channel.writeAndFlush(HTTPServerResponsePart.end(nil)).get()
        case let .streamed(status, headers, chunks):
            // No Content-Length: NIO's encoder sends the body chunked.
            let fields = self.fields(headers, answering: read)
            try await channel.writeAndFlush(HTTPServerResponsePart.head(head(status, fields, read))).get()
            for await chunk in chunks {
                try await channel.writeAndFlush(HTTPServerResponsePart.body(.byteBuffer(ByteBuffer(bytes: chunk)))).get()
            }
            try await channel.writeAndFlush(HTTPServerResponsePart.end(nil)).get()
        }
    }

    private func fields(_ headers: [(name: String, value: String)], answering read: ReadRequest) -> HTTPHeaders {
        var fields = HTTPHeaders(headers.map { ($0.name, $0.value) })
        if !read.keepAlive || registry.isStopping { fields.replaceOrAdd(name: "Connection", value: "close") }
        return fields
    }

    private func head(_ status: Int, _ fields: HTTPHeaders, _ read: ReadRequest) -> HTTPResponseHead {
        HTTPResponseHead(version: read.version, status: .init(statusCode: status), headers: fields)
    }
}
