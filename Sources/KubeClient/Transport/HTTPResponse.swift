/// A complete response: status, header fields and the (decompressed) body.
public struct HTTPResponse: Sendable, Equatable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: [UInt8]

    public init(status: Int, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public var isSuccess: Bool { (200..<300).contains(status) }

    /// `Retry-After` in its delay-seconds form. The HTTP-date form is ignored: the API server
    /// only sends seconds, and comparing dates would need the wall clock.
    public var retryAfter: Duration? {
        guard let text = headers["Retry-After"]?.trimmingSpaces, let seconds = Int(text), seconds >= 0 else {
            return nil
        }
        return .seconds(seconds)
    }
}

/// Thrown from a `stream(_:)` whose response status is not 2xx: the stream carries no chunks
/// then, only this, with the whole (short) error body so the caller can read a Status from it.
public struct UnexpectedHTTPStatus: Error, Sendable, CustomStringConvertible {
    public var response: HTTPResponse

    public init(response: HTTPResponse) { self.response = response }

    public var description: String { "HTTP status \(response.status)" }
}

extension String {
    var trimmingSpaces: String {
        var slice = Substring(self)
        // `Character.isWhitespace` covers "\r\n", which is a single Character.
        while slice.first?.isWhitespace == true { slice.removeFirst() }
        while slice.last?.isWhitespace == true { slice.removeLast() }
        return String(slice)
    }
}
