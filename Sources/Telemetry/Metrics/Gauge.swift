import Synchronization

/// A value that goes up and down (queue depth, clusters ready, whether this replica leads).
public final class Gauge: MetricSeries {
    public static let metricType = MetricType.gauge
    private let current = Mutex<Double>(0)

    public init() {}

    public func set(_ value: Double) { current.withLock { $0 = value } }

    public func set(_ flag: Bool) { set(flag ? 1 : 0) }

    public func increment(by amount: Double = 1) { current.withLock { $0 += amount } }

    public func decrement(by amount: Double = 1) { current.withLock { $0 -= amount } }

    public var value: Double { current.withLock { $0 } }

    public var samples: [MetricSample] { [MetricSample(value: value)] }
}
