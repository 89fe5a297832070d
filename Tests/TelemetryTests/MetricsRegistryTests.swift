import Testing

@testable import Telemetry

@Suite("Metrics registry and exposition")
struct MetricsRegistryTests {
    @Test("What was recorded reads back from the exposition, awkward label values included")
    func roundTrip() throws {
        let registry = MetricsRegistry()
        let reconciles = registry.counter(
            "flotilla_reconciles_total", help: "Reconciles by result.\nOne line per result; C:\\ paths stay.",
            labels: ["controller", "result"])
        let ready = registry.gauge("flotilla_member_clusters_ready", help: "Member clusters ready.")
        let awkward = "quote \" back\\slash\nnew line, ünïcode"
        reconciles.labels("workload", "success").increment(by: 41)
        reconciles.labels("workload", "success").increment()
        reconciles.labels("workload", awkward).increment(by: 0.5)
        reconciles.labels("status", "error").increment(by: 3)
        ready.labels().set(2)
        ready.labels().decrement()

        let parsed = try Exposition(parsing: registry.exposition())
        #expect(parsed.value("flotilla_reconciles_total", ["controller": "workload", "result": "success"]) == 42)
        #expect(parsed.value("flotilla_reconciles_total", ["controller": "workload", "result": awkward]) == 0.5)
        #expect(parsed.value("flotilla_reconciles_total", ["controller": "status", "result": "error"]) == 3)
        #expect(parsed.value("flotilla_member_clusters_ready") == 1)
        #expect(parsed.samples.count == 4)
        #expect(parsed.help["flotilla_reconciles_total"] == "Reconciles by result.\nOne line per result; C:\\ paths stay.")
        #expect(parsed.types == ["flotilla_reconciles_total": "counter", "flotilla_member_clusters_ready": "gauge"])
    }

    @Test("Output is sorted and does not depend on the order of registration or of first use")
    func deterministic() {
        func build(reversed: Bool) -> String {
            let registry = MetricsRegistry()
            var steps: [() -> Void] = [
                { registry.counter("b_total", help: "b", labels: ["k"]).labels("z").increment() },
                { registry.gauge("a_value", help: "a").labels().set(1) },
                { registry.counter("b_total", help: "b", labels: ["k"]).labels("a").increment() },
            ]
            if reversed { steps.reverse() }
            for step in steps { step() }
            return registry.exposition()
        }
        #expect(build(reversed: false) == build(reversed: true))
        #expect(build(reversed: false) == """
            # HELP a_value a
            # TYPE a_value gauge
            a_value 1
            # HELP b_total b
            # TYPE b_total counter
            b_total{k="a"} 1
            b_total{k="z"} 1

            """)
    }

    @Test("Registering a name again with the same shape returns the same family")
    func reRegistration() {
        let registry = MetricsRegistry()
        registry.counter("x_total", help: "x", labels: ["a"]).labels("1").increment()
        registry.counter("x_total", help: "x", labels: ["a"]).labels("1").increment()
        #expect(registry.counter("x_total", help: "x", labels: ["a"]).labels("1").value == 2)
    }

    @Test("A histogram counts each observation in the first bucket whose bound is not below it, cumulatively")
    func histogramBuckets() throws {
        let registry = MetricsRegistry()
        let latency = registry.histogram(
            "flotilla_reconcile_seconds", help: "Reconcile latency.", labels: ["controller"], buckets: [0.1, 1, 0.01])
        let series = latency.labels("workload")
        for value in [0.005, 0.01, 0.05, 0.1, 0.5, 2, 30, .nan] { series.observe(value) }
        series.observe(.milliseconds(250))

        let snapshot = series.snapshot
        #expect(snapshot.buckets.map(\.upperBound) == [0.01, 0.1, 1, .infinity])
        #expect(snapshot.buckets.map(\.count) == [2, 4, 6, 8], "≤0.01: 0.005 0.01; ≤0.1: +0.05 0.1; ≤1: +0.5 0.25")
        #expect(snapshot.count == 8, "NaN is ignored")
        #expect(abs(snapshot.sum - 32.915) < 1e-9)

        let parsed = try Exposition(parsing: registry.exposition())
        let labels = { (le: String) in ["controller": "workload", "le": le] }
        #expect(parsed.value("flotilla_reconcile_seconds_bucket", labels("0.01")) == 2)
        #expect(parsed.value("flotilla_reconcile_seconds_bucket", labels("1")) == 6)
        #expect(parsed.value("flotilla_reconcile_seconds_bucket", labels("+Inf")) == 8)
        #expect(parsed.value("flotilla_reconcile_seconds_count", ["controller": "workload"]) == 8)
        #expect(abs((parsed.value("flotilla_reconcile_seconds_sum", ["controller": "workload"]) ?? 0) - 32.915) < 1e-9)
        #expect(parsed.types["flotilla_reconcile_seconds"] == "histogram")
    }

    @Test("Increments from many tasks at once sum exactly")
    func concurrentIncrements() async {
        let registry = MetricsRegistry()
        let counter = registry.counter("hits_total", help: "h", labels: ["shard"])
        let gauge = registry.gauge("in_flight", help: "g")
        let histogram = registry.histogram("sizes", help: "s", buckets: [10])
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<16 {
                group.addTask {
                    for step in 0..<5_000 {
                        counter.labels("shard-\(step % 4)").increment()
                        gauge.labels().increment()
                        histogram.labels().observe(Double(task))
                        gauge.labels().decrement(by: 0.5)
                    }
                }
            }
        }
        let total = (0..<4).map { counter.labels("shard-\($0)").value }.reduce(0, +)
        #expect(total == 80_000)
        #expect(counter.labels("shard-3").value == 20_000)
        #expect(gauge.labels().value == 40_000)
        #expect(histogram.labels().snapshot.count == 80_000)
        #expect(histogram.labels().snapshot.buckets.map(\.count) == [55_000, 80_000], "tasks 0...10 are ≤ 10")
    }

    @Test("Numbers are written as Prometheus reads them")
    func numbers() {
        #expect(PrometheusText.number(3) == "3")
        #expect(PrometheusText.number(-2) == "-2")
        #expect(PrometheusText.number(0.25) == "0.25")
        #expect(PrometheusText.number(.infinity) == "+Inf")
        #expect(PrometheusText.number(-.infinity) == "-Inf")
        #expect(PrometheusText.number(.nan) == "NaN")
        #expect(PrometheusText.number(1e20) == "1e+20")
        #expect(PrometheusText.isValidMetricName("flotilla:reconciles_total"))
        #expect(!PrometheusText.isValidMetricName("9lives"))
        #expect(!PrometheusText.isValidLabelName("__name"))
        #expect(!PrometheusText.isValidLabelName("a-b"))
    }
}
