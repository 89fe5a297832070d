/// One HTTP/1.1 request, read whole, as a `HTTPServer`'s responder sees it.
public struct ServedRequest: Sendable {
    public var method: String
    /// The request target as sent: path and query.
    public var uri: String
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    /// `host:port` of the socket the request came in on.
    public var localAddress: String

    public init(
        method: String, uri: String, headers: [(name: String, value: String)] = [], body: [UInt8] = [],
        localAddress: String = ""
    ) {
        self.method = method
        self.uri = uri
        self.headers = headers
        self.body = body
        self.localAddress = localAddress
    }
}

/// What a responder answers.
public enum ServedResponse: Sendable {
    /// A whole body, sent with its `Content-Length`.
    case full(status: Int, headers: [(name: String, value: String)], body: [UInt8])
    /// A body sent chunk by chunk (chunked transfer encoding) for as long as `chunks` yields: a
    /// watch. The server stops reading `chunks` when the connection closes; the stream's
    /// `onTermination` is where its producer learns that.
    case streamed(status: Int, headers: [(name: String, value: String)], chunks: AsyncStream<[UInt8]>)
}
