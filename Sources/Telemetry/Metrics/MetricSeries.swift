/// The Prometheus type of a metric family, as its `# TYPE` line writes it.
public enum MetricType: String, Sendable {
    case counter, gauge, histogram
}

/// One line of exposition below a family: `<name><suffix>{<labels>,<extra label>} <value>`.
public struct MetricSample: Sendable, Equatable {
    /// Appended to the family name: `""`, `_bucket`, `_sum`, `_count`.
    public var suffix: String
    /// A label this sample adds after the series' own (a histogram bucket's `le`).
    public var extraLabel: (name: String, value: String)?
    public var value: Double

    public init(suffix: String = "", extraLabel: (name: String, value: String)? = nil, value: Double) {
        self.suffix = suffix
        self.extraLabel = extraLabel
        self.value = value
    }

    public static func == (lhs: MetricSample, rhs: MetricSample) -> Bool {
        lhs.suffix == rhs.suffix && lhs.extraLabel?.name == rhs.extraLabel?.name
            && lhs.extraLabel?.value == rhs.extraLabel?.value && lhs.value == rhs.value
    }
}

/// One time series of a family (one combination of label values): `Counter`, `Gauge` or
/// `Histogram`. The three are the only conforming types this module exposes; the protocol is
/// public only because `MetricFamily` is generic over it.
public protocol MetricSeries: AnyObject, Sendable {
    static var metricType: MetricType { get }
    /// The series' current values, as the exposition writes them.
    var samples: [MetricSample] { get }
}
