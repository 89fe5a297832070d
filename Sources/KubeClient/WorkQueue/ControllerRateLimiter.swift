/// How long a failed key waits before its retry: the longer of its own exponential backoff and
/// an overall token bucket.
///
/// The defaults are client-go's default controller rate limiter: 5 ms doubling per failure up to
/// 1000 s per key, and 10 retries per second with a burst of 100 overall. The per-key part keeps
/// one broken object from spinning; the bucket keeps a mass failure (an API server outage failing
/// every key at once) from turning into a retry storm.
public struct ControllerRateLimiter: Sendable {
    private var backoff: PerKeyBackoff
    private var bucket: TokenBucket

    public init(
        baseDelay: Duration = .milliseconds(5),
        maxDelay: Duration = .seconds(1000),
        retriesPerSecond: Double = 10,
        burst: Int = 100
    ) {
        backoff = PerKeyBackoff(base: baseDelay, cap: maxDelay)
        bucket = TokenBucket(perSecond: retriesPerSecond, burst: burst)
    }

    /// Records a failure of `key` at `now` and returns how long its retry must wait.
    public mutating func delay(for key: ObjectKey, at now: ClockInstant) -> Duration {
        max(backoff.next(for: key), bucket.reserve(at: now))
    }

    /// Resets `key`'s backoff; the overall bucket is unaffected.
    public mutating func forget(_ key: ObjectKey) { backoff.forget(key) }

    /// Consecutive failures of `key` since it was last forgotten.
    public func failures(of key: ObjectKey) -> Int { backoff.failures(of: key) }
}
