/// Exponential backoff per key: the n-th consecutive failure of a key waits `base · 2^n`, capped.
///
/// Keys back off independently, so one object that keeps failing slows down only itself.
/// `forget` after a success (or a deliberate requeue) starts that key from `base` again.
struct PerKeyBackoff: Sendable {
    let base: Duration
    let cap: Duration
    private var failures: [ObjectKey: Int] = [:]

    init(base: Duration, cap: Duration) {
        precondition(base > .zero && cap >= base, "invalid backoff parameters")
        self.base = base
        self.cap = cap
    }

    /// Records a failure of `key` and returns its delay.
    mutating func next(for key: ObjectKey) -> Duration {
        let exponent = failures[key, default: 0]
        failures[key] = exponent + 1
        var delay = base
        for _ in 0..<exponent {
            delay = delay * 2
            if delay >= cap { return cap }
        }
        return delay
    }

    mutating func forget(_ key: ObjectKey) { failures[key] = nil }

    func failures(of key: ObjectKey) -> Int { failures[key, default: 0] }
}
