/// Why a request got no HTTP response.
///
/// Messages come from libcurl's error buffer and name hosts, addresses and TLS problems; they
/// never contain request headers, so a bearer token cannot end up in one.
public struct TransportError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: Sendable, Hashable {
        /// The host name did not resolve or the TCP connection was refused or unreachable:
        /// nothing reached the server.
        case connectFailed
        /// The TLS handshake failed or the server's certificate was not trusted.
        case tls
        /// The total or connect timeout passed, or a stream stayed idle past its idle timeout.
        case timedOut
        /// The connection broke, or the response could not be read, after the request was sent.
        case transferFailed
        /// The request cannot be made (a malformed target, an unreadable client key).
        case invalidRequest
        /// The calling task was cancelled.
        case cancelled
        /// The transport was shut down.
        case shutDown
    }

    public var code: Code
    public var message: String
    /// Whether any byte of the request may have reached the server. `false` guarantees the
    /// server cannot have acted on it, which makes even a `POST` safe to retry.
    public var requestMayHaveBeenSent: Bool

    public init(_ code: Code, _ message: String, requestMayHaveBeenSent: Bool = true) {
        self.code = code
        self.message = message
        self.requestMayHaveBeenSent = requestMayHaveBeenSent
    }

    public var description: String { message }

    static let cancelled = TransportError(.cancelled, "the request was cancelled", requestMayHaveBeenSent: true)
    static let shutDown = TransportError(.shutDown, "the transport was shut down", requestMayHaveBeenSent: true)
}
