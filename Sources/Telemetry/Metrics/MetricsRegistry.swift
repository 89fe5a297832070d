import Synchronization

/// The process's metrics, exposed in Prometheus' text format by `TelemetryServer` at `/metrics`.
///
/// Families are registered once, usually at start-up, and their series live for the life of the
/// process. Registering a name again with the same type, help and labels returns the family
/// already registered, so that two parts of the program may declare a metric they share.
///
/// Guarantees: every operation is thread-safe (a `Mutex` per family and per series); the
/// exposition is deterministic: families sorted by name, series by label values.
///
/// Caveats: names and label names are constants in code, so an invalid one, or a second
/// registration of a name with a different type, help or labels, is a programming error and stops
/// the process at registration (as client_golang's `MustRegister` panics), where any test run
/// finds it. Label *values* may be anything.
public final class MetricsRegistry: Sendable {
    private let families = Mutex<[String: any ExposedFamily]>([:])

    public init() {}

    public func counter(_ name: String, help: String, labels: [String] = []) -> MetricFamily<Counter> {
        register(name, help: help, labels: labels) { Counter() }
    }

    public func gauge(_ name: String, help: String, labels: [String] = []) -> MetricFamily<Gauge> {
        register(name, help: help, labels: labels) { Gauge() }
    }

    /// - Parameter buckets: finite upper bounds (the `+Inf` bucket is implied).
    public func histogram(
        _ name: String, help: String, labels: [String] = [], buckets: [Double] = Histogram.defaultBuckets
    ) -> MetricFamily<Histogram> {
        precondition(!labels.contains("le"), "\(name): a histogram cannot have a label called le")
        return register(name, help: help, labels: labels) { Histogram(buckets: buckets) }
    }

    /// Every family in the text exposition format 0.0.4.
    public func exposition() -> String {
        let sorted = families.withLock { $0.values.sorted { $0.name < $1.name } }
        var text = ""
        for family in sorted { family.write(to: &text) }
        return text
    }

    private func register<Series: MetricSeries>(
        _ name: String, help: String, labels: [String], make: @escaping @Sendable () -> Series
    ) -> MetricFamily<Series> {
        precondition(PrometheusText.isValidMetricName(name), "\(name) is not a valid Prometheus metric name")
        for label in labels {
            precondition(PrometheusText.isValidLabelName(label), "\(name): \(label) is not a valid label name")
        }
        precondition(Set(labels).count == labels.count, "\(name): label names repeat in \(labels)")
        return families.withLock { families in
            if let existing = families[name] {
                guard let family = existing as? MetricFamily<Series>, family.help == help, family.labelNames == labels
                else {
                    preconditionFailure(
                        "\(name) is registered already as a \(existing.metricType.rawValue) with labels "
                            + "\(existing.labelNames); it cannot be registered again differently")
                }
                return family
            }
            let family = MetricFamily(name: name, help: help, labelNames: labels, makeSeries: make)
            families[name] = family
            return family
        }
    }
}
