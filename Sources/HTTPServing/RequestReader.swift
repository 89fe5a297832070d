import NIOCore
import NIOHTTP1

/// Collects the parts of each request on a connection into a `ServedRequest` and hands it to the
/// connection's task through `requests`; ends the stream when the connection closes.
///
/// Runs on the connection's event loop, like every NIO handler; the only thing it shares with
/// other threads is the stream's continuation, which is thread-safe.
final class RequestReader: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart

    private let requests: AsyncStream<ReadRequest>.Continuation
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []

    init(requests: AsyncStream<ReadRequest>.Continuation) {
        self.requests = requests
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let requestHead):
            head = requestHead
            body = []
        case .body(let chunk):
            body += chunk.readableBytesView
        case .end:
            guard let requestHead = head else { return }
            head = nil
            let local = context.channel.localAddress
            let request = ServedRequest(
                method: requestHead.method.rawValue, uri: requestHead.uri,
                headers: requestHead.headers.map { (name: $0.name, value: $0.value) }, body: body,
                localAddress: "\(local?.ipAddress ?? ""):\(local?.port ?? 0)")
            body = []
            requests.yield(ReadRequest(request: request, version: requestHead.version, keepAlive: requestHead.isKeepAlive))
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        requests.finish()
        context.fireChannelInactive()
    }

    /// The client sent all it will send: no more requests, but the answers still go out.
    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case .inputClosed = event as? ChannelEvent { requests.finish() }
        context.fireUserInboundEventTriggered(event)
    }

    /// A connection closed before it became active never reports itself inactive; every closed
    /// connection's pipeline is taken apart, though.
    func handlerRemoved(context: ChannelHandlerContext) {
        requests.finish()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // A malformed request or a reset: the connection is of no further use.
        requests.finish()
        context.close(promise: nil)
    }
}

/// A request with what the connection needs to answer it.
struct ReadRequest: Sendable {
    var request: ServedRequest
    var version: HTTPVersion
    var keepAlive: Bool
}
