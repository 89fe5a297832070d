import SeededRandom
/// Jittered exponential backoff between reconnect attempts.
///
/// The n-th consecutive failure waits a random time in `[d/2, d]`, where `d = initial · factor^(n-1)`
/// capped at `maximum`. Halving the lower bound ("equal jitter") keeps many watchers that lost the
/// same API server from reconnecting in lockstep, while every wait still grows with the failures.
/// `reset()` after any sign of progress starts the sequence again.
///
/// The defaults (800 ms doubling to 30 s) are the ones client-go's reflector and kube-rs' watcher
/// use for the same job.
public struct ReconnectBackoff: Sendable {
    public var initial: Duration
    public var maximum: Duration
    public var factor: Int
    private var random: SeededRandomSource
    /// Consecutive failures since the last `reset()`.
    public private(set) var failures = 0

    public init(
        initial: Duration = .milliseconds(800),
        maximum: Duration = .seconds(30),
        factor: Int = 2,
        random: SeededRandomSource = .randomlySeeded()
    ) {
        precondition(initial > .zero && maximum >= initial && factor >= 1, "invalid backoff parameters")
        self.initial = initial
        self.maximum = maximum
        self.factor = factor
        self.random = random
    }

    /// The ceiling of the next wait, before jitter.
    public var nextCeiling: Duration {
        var ceiling = initial
        for _ in 0..<failures {
            ceiling = ceiling * factor
            if ceiling >= maximum { return maximum }
        }
        return ceiling
    }

    /// Records a failure and returns how long to wait before the next attempt.
    public mutating func next() -> Duration {
        let ceiling = nextCeiling
        failures += 1
        let fraction = Double(random.next() >> 11) / Double(1 << 53)  // uniform in [0, 1)
        return ceiling / 2 + (ceiling / 2) * fraction
    }

    /// Forgets the failures: the next wait starts from `initial` again.
    public mutating func reset() { failures = 0 }
}
