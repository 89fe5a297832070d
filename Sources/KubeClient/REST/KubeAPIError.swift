import KubeObjects

/// Why a Kubernetes API call failed: the server's answer, read from its `Status` object, or a
/// transport failure, or a response that could not be read.
///
/// Switch on `code`; `status` keeps the server's reason and message. The message names the
/// method and path and the server's explanation, never a credential.
public struct KubeAPIError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: Sendable, Hashable {
        case badRequest  // 400
        case unauthorized  // 401, after the one retry with a fresh credential
        case forbidden  // 403
        case notFound  // 404
        case methodNotAllowed  // 405
        case alreadyExists  // 409, reason AlreadyExists
        case conflict  // 409 otherwise: a stale resourceVersion or a failed precondition
        case gone  // 410: the resourceVersion or continue token has expired
        case invalid  // 422: the object failed validation
        case tooManyRequests  // 429, after the retries
        case serverError  // 5xx
        case unexpectedStatus  // any other non-2xx status
        /// No HTTP response at all; `transportError` says why.
        case transport
        /// The authenticator could not produce a credential (a failing exec plugin).
        case credential
        /// A 2xx response whose body was not the JSON expected.
        case malformedResponse
        /// The call was refused before sending (a namespaced resource without a namespace).
        case invalidArgument
    }

    public var code: Code
    public var message: String
    /// The HTTP status, when there was a response.
    public var httpStatus: Int?
    /// The `Status` object the server sent, when it sent one.
    public var status: APIStatus?
    /// How long the server asked the client to wait (`Retry-After`, or the Status's
    /// `details.retryAfterSeconds`).
    public var retryAfter: Duration?
    public var transportError: TransportError?

    public init(
        _ code: Code, _ message: String, httpStatus: Int? = nil, status: APIStatus? = nil, retryAfter: Duration? = nil,
        transportError: TransportError? = nil
    ) {
        self.code = code
        self.message = message
        self.httpStatus = httpStatus
        self.status = status
        self.retryAfter = retryAfter
        self.transportError = transportError
    }

    /// The error for a non-2xx response to `method path`.
    public init(response: HTTPResponse, method: HTTPMethod, path: String) {
        let json = try? JSONValue(parsing: response.body)
        let status = json.flatMap { $0["kind"]?.stringValue == "Status" ? APIStatus(json: $0) : nil }
        let retryAfter = response.retryAfter
            ?? json?[path: ["details", "retryAfterSeconds"]]?.intValue.map { Duration.seconds($0) }
        let code = Self.code(httpStatus: response.status, reason: status?.reason)
        let explanation = status.map(\.description) ?? "HTTP \(response.status)"
        self.init(
            code, "\(method.rawValue) \(path): \(explanation)", httpStatus: response.status, status: status,
            retryAfter: retryAfter)
    }

    public init(transport error: TransportError) {
        self.init(.transport, error.message, transportError: error)
    }

    static func code(httpStatus: Int, reason: String?) -> Code {
        switch httpStatus {
        case 400: return .badRequest
        case 401: return .unauthorized
        case 403: return .forbidden
        case 404: return .notFound
        case 405: return .methodNotAllowed
        case 409: return reason == "AlreadyExists" ? .alreadyExists : .conflict
        case 410: return .gone
        case 422: return .invalid
        case 429: return .tooManyRequests
        case 500...599: return .serverError
        default: return .unexpectedStatus
        }
    }

    public var description: String { message }

    /// Whether the call was cancelled (its task, or the transport shutting down).
    public var isCancellation: Bool {
        transportError?.code == .cancelled || transportError?.code == .shutDown
    }
}
