/// HTTP(S) to one API server over libcurl: every request and watch of the process shares one
/// event-loop thread and one connection cache.
///
/// Per request: HTTP/2 when the server offers it over TLS (HTTP/1.1 otherwise), any compression
/// libcurl can decode, a connect timeout, and either a total timeout or, for streams, an idle
/// timeout. Cancelling the calling task (or ending a stream's iteration) removes the transfer
/// from the loop at once.
///
/// Caveats: redirects are not followed (the API server does not send them). A streamed body is
/// buffered without limit if the consumer falls behind; a watch's consumer is expected to keep
/// up. Over HTTP/1.1 each open stream holds a connection, so more open watches than
/// `maxConnectionsPerHost` make further requests wait for a free connection.
public final class CurlTransport: HTTPTransport {
    public struct Options: Sendable {
        /// How long to wait for TCP and TLS to be set up.
        public var connectTimeout: Duration
        /// At most this many connections to the server (and kept in the cache). With HTTP/2 one
        /// connection carries everything; the limit matters for HTTP/1.1.
        public var maxConnectionsPerHost: Int
        public var userAgent: String
        /// An explicit proxy (kubeconfig `proxy-url`); without one libcurl honours the usual
        /// `https_proxy` / `no_proxy` environment variables, as client-go does.
        public var proxyURL: String?

        public init(
            connectTimeout: Duration = .seconds(10), maxConnectionsPerHost: Int = 32, userAgent: String = "flotilla",
            proxyURL: String? = nil
        ) {
            self.connectTimeout = connectTimeout
            self.maxConnectionsPerHost = maxConnectionsPerHost
            self.userAgent = userAgent
            self.proxyURL = proxyURL
        }
    }

    private let loop: CurlEventLoop

    public init(server: ServerURL, tls: TLSSettings = TLSSettings(), options: Options = Options()) {
        loop = CurlEventLoop(endpoint: CurlEndpoint(server: server, tls: tls, options: options))
    }

    /// A transport for a resolved cluster connection (its server, TLS settings and proxy).
    public convenience init(connection: ClusterConnection, options: Options = Options()) {
        var options = options
        if options.proxyURL == nil { options.proxyURL = connection.proxyURL }
        self.init(server: connection.server, tls: connection.tls, options: options)
    }

    deinit {
        loop.shutDown()
    }

    /// Fails every request in flight and every later one with `TransportError.Code.shutDown`.
    public func shutDown() {
        loop.shutDown()
    }

    /// Shuts down every transport of the process and waits (up to `timeout`) until their threads
    /// have closed their connections. Call it before the process exits: exit handlers free the
    /// TLS library's global state, which a transport thread still reading would use after free.
    /// Returns `false` when some thread did not finish in time.
    @discardableResult
    public static func shutDownAll(timeout: Duration = .seconds(5)) -> Bool {
        CurlEventLoop.shutDownAll(timeout: timeout)
    }

    public func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
        let loop = self.loop
        let id = loop.reserveID()
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                loop.submit(CurlTransfer(id: id, request: request, delivery: .whole(continuation)))
            }
        } onCancel: {
            loop.cancel(id)
        }
        return try result.get()
    }

    public func stream(_ request: HTTPRequest) -> AsyncThrowingStream<[UInt8], Error> {
        let loop = self.loop
        let id = loop.reserveID()
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: [UInt8].self)
        continuation.onTermination = { termination in
            if case .cancelled = termination { loop.cancel(id) }
        }
        loop.submit(CurlTransfer(id: id, request: request, delivery: .chunks(continuation)))
        return stream
    }
}
