import Synchronization

/// A value that only goes up (requests served, reconciles done), reset only by a restart;
/// Prometheus' `rate()` works on it.
public final class Counter: MetricSeries {
    public static let metricType = MetricType.counter
    private let total = Mutex<Double>(0)

    public init() {}

    /// Adds `amount`, which must not be negative: a counter that went down would read as a
    /// restart to `rate()`. A negative amount is a programming error and stops the process.
    public func increment(by amount: Double = 1) {
        precondition(amount >= 0, "a counter cannot decrease (increment by \(amount))")
        total.withLock { $0 += amount }
    }

    public var value: Double { total.withLock { $0 } }

    public var samples: [MetricSample] { [MetricSample(value: value)] }
}
