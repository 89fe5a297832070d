import Foundation

/// A bearer token kept in a file that something else rewrites: a pod's projected service account
/// token (the kubelet rotates it, hourly by default) or a kubeconfig's `tokenFile`.
///
/// The file is re-read at most once per `refreshInterval` (a minute by default, as client-go
/// does), and at once after `invalidate(ifStill:)`, which the transport calls after a
/// `401 Unauthorized`. If a re-read fails while a token is cached, the cached token is kept: a
/// file caught mid-rotation should not fail requests that the old token still authorizes.
///
/// Guarantees: `token()` never returns an empty token. Caveat: a rotation is noticed only at the
/// next re-read, so for up to `refreshInterval` requests may carry the previous token (which the
/// API server keeps accepting for a while after rotation).
public actor TokenFileSource {
    public nonisolated let path: String
    public nonisolated let refreshInterval: Duration
    private let environment: ConfigEnvironment
    private var cached: (token: Secret, readAt: Date)?

    /// - Parameter initialToken: a token just read from the file, so that the first request does
    ///   not read it again.
    public init(
        path: String, refreshInterval: Duration = .seconds(60), environment: ConfigEnvironment = .current,
        initialToken: Secret? = nil
    ) {
        self.path = path
        self.refreshInterval = refreshInterval
        self.environment = environment
        self.cached = initialToken.map { ($0, environment.now()) }
    }

    /// The current token: cached while fresh, otherwise read from the file.
    public func token() throws(KubeConfigError) -> Secret {
        let now = environment.now()
        if let cached, now.timeIntervalSince(cached.readAt) < refreshInterval.seconds {
            return cached.token
        }
        do {
            let token = try Self.read(path, environment: environment)
            cached = (token, now)
            return token
        } catch {
            if let cached { return cached.token }
            throw error
        }
    }

    /// Forces the next `token()` to read the file, unless the cached token has already changed
    /// from `rejected` (another request saw the 401 first and the file was re-read since).
    public func invalidate(ifStill rejected: Secret? = nil) {
        guard let current = cached?.token else { return }
        if rejected == nil || rejected == current { cached = nil }
    }

    /// Reads and trims a token file, as client-go does (surrounding whitespace and newlines are
    /// not part of the token).
    static func read(_ path: String, environment: ConfigEnvironment) throws(KubeConfigError) -> Secret {
        let bytes = try environment.readRequired(path, purpose: "token file")
        let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw KubeConfigError(.invalidField, "token file \(path) is empty") }
        return Secret(text)
    }
}

extension Duration {
    /// The duration in seconds, for comparing with `Date` intervals.
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
