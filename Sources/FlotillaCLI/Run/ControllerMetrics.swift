import Federation
import KubeClient
import Logging
import Telemetry

/// The controller's Prometheus metrics, in one place, so that `docs/operations.md` and the code
/// name the same series.
struct ControllerMetrics: WorkloadObserver {
    let registry: MetricsRegistry
    let reconciles: MetricFamily<Counter>
    let reconcileErrors: MetricFamily<Counter>
    let queueDepth: MetricFamily<Gauge>
    let queueLongestWait: MetricFamily<Gauge>
    let queueWait: MetricFamily<Histogram>
    let reconcileDuration: MetricFamily<Histogram>
    let planDuration: MetricFamily<Histogram>
    let memberWrites: MetricFamily<Counter>
    let unchangedReconciles: MetricFamily<Counter>
    let clusterReady: MetricFamily<Gauge>
    let leader: MetricFamily<Gauge>

    init(registry: MetricsRegistry = MetricsRegistry()) {
        self.registry = registry
        reconciles = registry.counter(
            "flotilla_reconciles_total", help: "Reconciles by controller and outcome.", labels: ["controller", "outcome"])
        reconcileErrors = registry.counter(
            "flotilla_reconcile_errors_total", help: "Reconciles that failed and will be retried.", labels: ["controller"])
        queueDepth = registry.gauge(
            "flotilla_workqueue_depth", help: "Keys waiting in the work queue.", labels: ["controller"])
        queueLongestWait = registry.gauge(
            "flotilla_workqueue_longest_wait_seconds", help: "How long the oldest waiting key has waited.",
            labels: ["controller"])
        queueWait = registry.histogram(
            "flotilla_workqueue_wait_seconds",
            help: "Time a key waited in the work queue, from becoming due until a worker took it.",
            labels: ["controller"], buckets: Self.latencyBuckets)
        reconcileDuration = registry.histogram(
            "flotilla_reconcile_duration_seconds", help: "Time one reconcile took, failed ones included.",
            labels: ["controller"], buckets: Self.latencyBuckets)
        planDuration = registry.histogram(
            "flotilla_plan_duration_seconds", help: "Time the placement engine took for one workload.",
            buckets: [0.000_01, 0.000_05, 0.000_1, 0.000_5, 0.001, 0.005, 0.01, 0.05])
        memberWrites = registry.counter(
            "flotilla_member_writes_total", help: "Writes to member clusters by cluster and outcome.",
            labels: ["cluster", "outcome"])
        unchangedReconciles = registry.counter(
            "flotilla_workload_reconciles_unchanged_total",
            help: "Workload reconciles that stopped at once: nothing they read had changed since the last complete one.")
        clusterReady = registry.gauge(
            "flotilla_cluster_ready", help: "1 when the member cluster's Ready condition is True.", labels: ["cluster"])
        leader = registry.gauge("flotilla_leader", help: "1 while this replica holds the leader lease.")
    }

    static let logger = Logger(label: "flotilla.controller")

    /// Buckets for queue waits and reconcile durations, in seconds: 1 ms to 60 s.
    static let latencyBuckets: [Double] = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60]

    func planned(duration: Duration) { planDuration.labels().observe(duration) }

    func memberWrite(cluster: String, outcome: String) { memberWrites.labels(cluster, outcome).increment() }

    func unchanged() { unchangedReconciles.labels().increment() }

    /// Counts and times one reconcile's report, and logs its failure: an operator reads why in the log.
    func record(_ report: ReconcileReport, controller: String) {
        queueWait.labels(controller).observe(report.queueWait)
        reconcileDuration.labels(controller).observe(report.duration)
        switch report.outcome {
        case .retrying(let delay, let error):
            reconcileErrors.labels(controller).increment()
            reconciles.labels(controller, "error").increment()
            Self.logger.warning(
                "reconcile failed; retrying",
                metadata: ["controller": "\(controller)", "key": "\(report.key)", "retryIn": "\(delay)", "error": "\(error)"])
        case .failedTerminally(let error):
            reconcileErrors.labels(controller).increment()
            reconciles.labels(controller, "error").increment()
            Self.logger.error(
                "reconcile failed; not retried until the object changes",
                metadata: ["controller": "\(controller)", "key": "\(report.key)", "error": "\(error)"])
        case .done, .requeued:
            reconciles.labels(controller, "success").increment()
        }
    }

    func sample(_ stats: WorkQueueStats, controller: String) {
        queueDepth.labels(controller).set(Double(stats.depth))
        queueLongestWait.labels(controller).set(Double(stats.longestWait.components.seconds)
            + Double(stats.longestWait.components.attoseconds) / 1e18)
    }
}
