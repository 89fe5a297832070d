/// How requests to the API server prove who sends them.
///
/// Exactly one way per connection. Token files and exec plugins produce credentials that change
/// over time, so the transport asks `credential()` before each request (cheap: both cache), and
/// reports a `401 Unauthorized` with `credentialRejected(_:)` so the next call fetches afresh.
public enum Authenticator: Sendable, CustomStringConvertible {
    /// Anonymous.
    case none
    /// A bearer token written in the kubeconfig (`token`).
    case token(Secret)
    /// A bearer token read from a file and re-read as it rotates (`tokenFile`, in-cluster).
    case tokenFile(TokenFileSource)
    /// A credential plugin (`exec`) that prints a token or a client certificate.
    case exec(ExecCredentialProvider)
    /// A client certificate and key (`client-certificate(-data)`, `client-key(-data)`).
    case clientCertificate(ClientCertificate)

    /// The credential to present on the next request.
    public func credential() async throws(KubeConfigError) -> Credential {
        switch self {
        case .none:
            return .none
        case .token(let token):
            return .bearerToken(token)
        case .tokenFile(let source):
            return .bearerToken(try await source.token())
        case .exec(let provider):
            return try await provider.credential().asCredential
        case .clientCertificate(let certificate):
            return .clientCertificate(certificate)
        }
    }

    /// Tells the authenticator that the server answered `401 Unauthorized` to a request made with
    /// `credential`. A token file is re-read and an exec plugin re-run on the next `credential()`,
    /// unless another request already replaced the rejected credential; static credentials
    /// cannot change, so for them this does nothing.
    public func credentialRejected(_ credential: Credential) async {
        switch self {
        case .none, .token, .clientCertificate:
            return
        case .tokenFile(let source):
            guard case .bearerToken(let token) = credential else { return }
            await source.invalidate(ifStill: token)
        case .exec(let provider):
            await provider.invalidate(ifStill: credential)
        }
    }

    public var description: String {
        switch self {
        case .none: return "none"
        case .token: return "bearer token <redacted>"
        case .tokenFile(let source): return "bearer token from \(source.path)"
        case .exec(let provider): return "exec plugin \(provider.config.command)"
        case .clientCertificate(let certificate): return "client \(certificate)"
        }
    }
}

/// What one request presents: nothing, a bearer token, or a client certificate.
public enum Credential: Sendable, Equatable, CustomStringConvertible {
    case none
    case bearerToken(Secret)
    case clientCertificate(ClientCertificate)

    public var description: String {
        switch self {
        case .none: return "none"
        case .bearerToken: return "bearer token <redacted>"
        case .clientCertificate(let certificate): return "client \(certificate)"
        }
    }
}

extension Authenticator: CustomDebugStringConvertible {
    /// The same redacted text as `description`, so `String(reflecting:)` and `debugPrint` are safe.
    public var debugDescription: String { description }
}

extension Credential: CustomDebugStringConvertible {
    /// The same redacted text as `description`, so `String(reflecting:)` and `debugPrint` are safe.
    public var debugDescription: String { description }
}
