/// When and how long `KubeAPI` waits before trying a failed call again.
///
/// The rule, which decides *whether* to retry, is about not doing a write twice:
/// - Reads (GET, list, discovery, establishing a watch) are retried after a connection or
///   transfer failure, a timeout, any 5xx, and a 429.
/// - Writes (POST, PUT, PATCH, DELETE) are retried only after a 429, which the server sends
///   before acting on the request, and after a transport failure that provably happened before
///   any byte was sent (`TransportError.requestMayHaveBeenSent == false`: no connection could be
///   made). A 5xx or a broken connection after sending may mean the write took effect, so the
///   error goes to the caller, who can re-read and decide. PUT and DELETE are idempotent in
///   HTTP's sense, but a repeated one can still fail confusingly (a Conflict or NotFound caused by
///   its own first attempt), so they follow the write rule too.
/// - A 401 is retried once, with a fresh credential, whatever the method; see `KubeAPI`.
/// - Cancellation, TLS failures and invalid requests are never retried.
///
/// How long: the server's `Retry-After` when it gives one (capped at `maximumRetryAfter`),
/// otherwise `ReconnectBackoff`'s jittered exponential delay.
public struct RetryPolicy: Sendable {
    /// Attempts in all, the first included; 1 disables retries.
    public var maxAttempts: Int
    public var initialBackoff: Duration
    public var maximumBackoff: Duration
    public var maximumRetryAfter: Duration

    public init(
        maxAttempts: Int = 4, initialBackoff: Duration = .milliseconds(200), maximumBackoff: Duration = .seconds(5),
        maximumRetryAfter: Duration = .seconds(30)
    ) {
        precondition(maxAttempts >= 1, "at least one attempt")
        self.maxAttempts = maxAttempts
        self.initialBackoff = initialBackoff
        self.maximumBackoff = maximumBackoff
        self.maximumRetryAfter = maximumRetryAfter
    }

    public static let `default` = RetryPolicy()
    public static let never = RetryPolicy(maxAttempts: 1)

    func makeBackoff() -> ReconnectBackoff {
        ReconnectBackoff(initial: initialBackoff, maximum: max(initialBackoff, maximumBackoff))
    }

    /// How long to wait before retrying after `error`, or `nil` when it must not be retried.
    func delay(after error: KubeAPIError, isRead: Bool, backoff: inout ReconnectBackoff) -> Duration? {
        switch error.code {
        case .transport:
            guard let transport = error.transportError else { return nil }
            switch transport.code {
            case .cancelled, .shutDown, .invalidRequest, .tls:
                return nil
            case .connectFailed, .timedOut, .transferFailed:
                return isRead || !transport.requestMayHaveBeenSent ? backoff.next() : nil
            }
        case .tooManyRequests:
            return serverDelay(error, &backoff)
        case .serverError:
            return isRead ? serverDelay(error, &backoff) : nil
        default:
            return nil
        }
    }

    private func serverDelay(_ error: KubeAPIError, _ backoff: inout ReconnectBackoff) -> Duration {
        guard let retryAfter = error.retryAfter else { return backoff.next() }
        return min(retryAfter, maximumRetryAfter)
    }
}
