import KubeObjects

/// The Kubernetes REST API of one cluster: typed errors, authentication and safe retries over
/// an `HTTPTransport`.
///
/// Every call fetches the current credential from the `Authenticator` (cheap: it caches) and
/// sends it as `Authorization: Bearer` or as the TLS client certificate. A `401` tells the
/// authenticator the credential was rejected and the call is made once more with a fresh one,
/// since a rotated token file or an expired exec-plugin token is the usual cause. Failed calls
/// are retried only where `RetryPolicy` says it is safe.
///
/// A value type holding only `Sendable` references; copies share the transport.
public struct KubeAPI: Sendable {
    public let transport: any HTTPTransport
    public let authenticator: Authenticator
    public var retryPolicy: RetryPolicy
    /// The total timeout of each request except watches.
    public var requestTimeout: Duration
    /// Waits between retries; tests use a clock that records the waits instead of sleeping.
    public var clock: any KubeClock

    public init(
        transport: any HTTPTransport, authenticator: Authenticator = .none, retryPolicy: RetryPolicy = .default,
        requestTimeout: Duration = .seconds(30), clock: any KubeClock = SystemClock()
    ) {
        self.transport = transport
        self.authenticator = authenticator
        self.retryPolicy = retryPolicy
        self.requestTimeout = requestTimeout
        self.clock = clock
    }

    /// An API client for a resolved connection, with its own `CurlTransport`.
    public init(connection: ClusterConnection, retryPolicy: RetryPolicy = .default) {
        self.init(
            transport: CurlTransport(connection: connection), authenticator: connection.authenticator,
            retryPolicy: retryPolicy)
    }

    // MARK: Requests

    /// Makes one call, with the credential, the 401 refresh and retries; returns a 2xx response
    /// or throws. `isRead` selects the retry rule (see `RetryPolicy`).
    func perform(
        _ method: HTTPMethod, _ target: String, body: [UInt8]? = nil, contentType: String? = nil, isRead: Bool
    ) async throws(KubeAPIError) -> HTTPResponse {
        var backoff = retryPolicy.makeBackoff()
        var attempts = 0
        var refreshedCredential = false
        while true {
            attempts += 1
            if Task.isCancelled { throw KubeAPIError(transport: .cancelled) }
            let credential = try await currentCredential()
            var request = HTTPRequest(method: method, target: target, body: body, timeout: requestTimeout)
            request.headers.add("Accept", "application/json")
            if let contentType { request.headers.add("Content-Type", contentType) }
            apply(credential, to: &request)

            let error: KubeAPIError
            do {
                let response = try await transport.send(request)
                if response.isSuccess { return response }
                error = KubeAPIError(response: response, method: method, path: Self.pathOnly(target))
            } catch let failure {
                error = KubeAPIError(transport: failure)
            }
            if error.code == .unauthorized, !refreshedCredential, credential != .none {
                refreshedCredential = true
                await authenticator.credentialRejected(credential)
                continue
            }
            guard attempts < retryPolicy.maxAttempts,
                let delay = retryPolicy.delay(after: error, isRead: isRead, backoff: &backoff)
            else { throw error }
            try await wait(delay)
        }
    }

    func currentCredential() async throws(KubeAPIError) -> Credential {
        do {
            return try await authenticator.credential()
        } catch {
            throw KubeAPIError(.credential, "cannot obtain a credential: \(error)")
        }
    }

    func apply(_ credential: Credential, to request: inout HTTPRequest) {
        switch credential {
        case .none: break
        case .bearerToken(let token): request.headers.set("Authorization", "Bearer \(token.revealedText)")
        case .clientCertificate(let certificate): request.clientCertificate = certificate
        }
    }

    func wait(_ delay: Duration) async throws(KubeAPIError) {
        do {
            try await clock.sleep(for: delay)
        } catch {
            throw KubeAPIError(transport: .cancelled)
        }
    }

    /// The target without its query, for error messages: shorter, and a continue token or
    /// selector adds nothing to them.
    static func pathOnly(_ target: String) -> String {
        target.split(separator: "?", maxSplits: 1).first.map(String.init) ?? target
    }

    // MARK: JSON

    /// Performs a call and parses its JSON response.
    func performJSON(
        _ method: HTTPMethod, _ target: String, body: JSONValue? = nil, contentType: String = "application/json",
        isRead: Bool
    ) async throws(KubeAPIError) -> JSONValue {
        let bytes = body.map(\.jsonBytes)
        let response = try await perform(
            method, target, body: bytes, contentType: bytes == nil ? nil : contentType, isRead: isRead)
        return try Self.parse(response.body, method: method, target: target)
    }

    static func parse(_ body: [UInt8], method: HTTPMethod, target: String) throws(KubeAPIError) -> JSONValue {
        do {
            return try JSONValue(parsing: body)
        } catch {
            throw KubeAPIError(
                .malformedResponse, "\(method.rawValue) \(pathOnly(target)): the response is not JSON: \(error)")
        }
    }
}
