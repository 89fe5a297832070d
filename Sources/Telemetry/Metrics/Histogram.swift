import Synchronization

/// Observations (durations, sizes) counted into fixed buckets, with their sum and count, so that
/// Prometheus can estimate quantiles across replicas (`histogram_quantile`).
///
/// A bucket counts the observations less than or equal to its upper bound (`le`); the exposition
/// writes the counts cumulatively, ending with `+Inf`, which equals the count. NaN observations
/// are ignored, as they would poison the sum.
public final class Histogram: MetricSeries {
    public static let metricType = MetricType.histogram

    /// Prometheus' default buckets, in seconds: 5 ms to 10 s.
    public static let defaultBuckets: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    /// What a histogram holds at one moment.
    public struct Snapshot: Sendable, Equatable {
        /// `(upper bound, observations ≤ it)` for each bucket, cumulative, `+Inf` last.
        public var buckets: [(upperBound: Double, count: UInt64)]
        public var sum: Double
        public var count: UInt64

        public static func == (lhs: Snapshot, rhs: Snapshot) -> Bool {
            lhs.sum == rhs.sum && lhs.count == rhs.count && lhs.buckets.map(\.upperBound) == rhs.buckets.map(\.upperBound)
                && lhs.buckets.map(\.count) == rhs.buckets.map(\.count)
        }
    }

    /// Upper bounds, ascending, without `+Inf`.
    public let upperBounds: [Double]
    /// Per bucket (not cumulative), the last one for values above every bound; then sum and count.
    private let state: Mutex<(counts: [UInt64], sum: Double)>

    /// - Parameter buckets: finite upper bounds; sorted and deduplicated here.
    public init(buckets: [Double] = Histogram.defaultBuckets) {
        upperBounds = Array(Set(buckets.filter(\.isFinite))).sorted()
        state = Mutex((counts: [UInt64](repeating: 0, count: upperBounds.count + 1), sum: 0))
    }

    public func observe(_ value: Double) {
        guard !value.isNaN else { return }
        let index = upperBounds.firstIndex { value <= $0 } ?? upperBounds.count
        state.withLock { state in
            state.counts[index] += 1
            state.sum += value
        }
    }

    /// Observes a duration in seconds, the unit Prometheus expects.
    public func observe(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        observe(Double(seconds) + Double(attoseconds) * 1e-18)
    }

    public var snapshot: Snapshot {
        let (counts, sum) = state.withLock { ($0.counts, $0.sum) }
        var running: UInt64 = 0
        var buckets: [(upperBound: Double, count: UInt64)] = []
        for (index, count) in counts.enumerated() {
            running += count
            buckets.append((index < upperBounds.count ? upperBounds[index] : .infinity, running))
        }
        return Snapshot(buckets: buckets, sum: sum, count: running)
    }

    public var samples: [MetricSample] {
        let snapshot = self.snapshot
        return snapshot.buckets.map {
            MetricSample(suffix: "_bucket", extraLabel: ("le", PrometheusText.number($0.upperBound)), value: Double($0.count))
        } + [MetricSample(suffix: "_sum", value: snapshot.sum), MetricSample(suffix: "_count", value: Double(snapshot.count))]
    }
}
