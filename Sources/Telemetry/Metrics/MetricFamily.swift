import Synchronization

/// All series of one metric name: the same help text and label names, one series per combination
/// of label values, created on first use and kept for the life of the process.
///
/// Hold on to the series that `labels(_:)` returns when it is used often: the lookup takes the
/// family's lock, an increment only the series' own.
public final class MetricFamily<Series: MetricSeries>: Sendable {
    public let name: String
    public let help: String
    public let labelNames: [String]
    private let makeSeries: @Sendable () -> Series
    private let series = Mutex<[[String]: Series]>([:])

    init(name: String, help: String, labelNames: [String], makeSeries: @escaping @Sendable () -> Series) {
        self.name = name
        self.help = help
        self.labelNames = labelNames
        self.makeSeries = makeSeries
    }

    /// The series for these label values, in the order of `labelNames`. Any string is a valid
    /// value; a wrong number of values is a programming error and stops the process.
    public func labels(_ values: String...) -> Series { labels(values) }

    public func labels(_ values: [String]) -> Series {
        precondition(
            values.count == labelNames.count,
            "\(name) has labels \(labelNames), got \(values.count) value(s): \(values)")
        return series.withLock { series in
            if let existing = series[values] { return existing }
            let created = makeSeries()
            series[values] = created
            return created
        }
    }

    /// Every series with its label values, sorted by the values, for the exposition.
    var sortedSeries: [(labelValues: [String], series: Series)] {
        series.withLock { $0.map { (labelValues: $0.key, series: $0.value) } }
            .sorted { $0.labelValues.lexicographicallyPrecedes($1.labelValues) }
    }
}

/// A family as the registry sees it, whatever its series type.
protocol ExposedFamily: Sendable {
    var name: String { get }
    var help: String { get }
    var labelNames: [String] { get }
    var metricType: MetricType { get }
    func write(to text: inout String)
}

extension MetricFamily: ExposedFamily {
    var metricType: MetricType { Series.metricType }

    func write(to text: inout String) {
        text += "# HELP \(name) \(PrometheusText.escapeHelp(help))\n"
        text += "# TYPE \(name) \(Series.metricType.rawValue)\n"
        for (labelValues, series) in sortedSeries {
            let labels = Array(zip(labelNames, labelValues))
            for sample in series.samples {
                text += name + sample.suffix
                text += PrometheusText.labelSet(labels + (sample.extraLabel.map { [$0] } ?? []))
                text += " " + PrometheusText.number(sample.value) + "\n"
            }
        }
    }
}
