/// An overall rate limit: `burst` tokens, refilled at `rate` per second, one taken per request.
///
/// Kept as a "theoretical arrival time" (the instant the bucket would be full again) rather than a
/// fractional token count, so every delay is exact `Duration` arithmetic: with 10 per second and a
/// burst of 100, the 101st request at one instant waits exactly 100 ms.
///
/// Caveats: like client-go's bucket, a reservation is never returned; asking counts even if the
/// caller then drops the request.
struct TokenBucket: Sendable {
    /// The time one token takes to refill.
    let interval: Duration
    let burst: Int
    /// When the bucket will be full if nothing more is taken; `nil` until first used.
    private var fullAt: ClockInstant?

    init(perSecond rate: Double, burst: Int) {
        precondition(rate > 0 && burst >= 1, "invalid token bucket parameters")
        interval = .seconds(1) / rate
        self.burst = burst
    }

    /// Takes a token at `now` and returns how long the caller must wait for it (zero when one
    /// was in the bucket).
    mutating func reserve(at now: ClockInstant) -> Duration {
        let start = max(fullAt ?? now, now)
        let newFullAt = start + interval
        fullAt = newFullAt
        let wait = (newFullAt - now) - interval * burst
        return max(wait, .zero)
    }
}
