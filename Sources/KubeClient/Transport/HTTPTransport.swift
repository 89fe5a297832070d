/// What the REST layer needs from a transport: one-shot requests, and streamed responses for
/// watches. `CurlTransport` is the implementation; the protocol lets tests of layers above
/// substitute a scripted one.
public protocol HTTPTransport: Sendable {
    /// Sends `request` and returns the whole response, whatever its status.
    func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse

    /// Sends `request` and yields the response body in chunks as they arrive. A non-2xx status
    /// ends the stream with `UnexpectedHTTPStatus`; a failed transfer with `TransportError`.
    /// Ending the iteration (or cancelling the iterating task) aborts the transfer.
    func stream(_ request: HTTPRequest) -> AsyncThrowingStream<[UInt8], Error>
}
