import KubeClient
import Testing

@testable import FlotillaCLI

/// The controller's metrics as Prometheus scrapes them.
@Suite struct ControllerMetricsTests {
    @Test("A recorded report's queue wait and reconcile duration appear as histograms per controller")
    func recordsQueueWaitAndReconcileDuration() {
        let metrics = ControllerMetrics()
        let key = ObjectKey(namespace: "default", name: "web")
        metrics.record(
            ReconcileReport(key: key, outcome: .done, queueWait: .seconds(2), duration: .milliseconds(30)),
            controller: "workloads")
        let text = metrics.registry.exposition()
        let expected = [
            "# TYPE flotilla_workqueue_wait_seconds histogram",
            #"flotilla_workqueue_wait_seconds_bucket{controller="workloads",le="1"} 0"#,
            #"flotilla_workqueue_wait_seconds_bucket{controller="workloads",le="2.5"} 1"#,
            #"flotilla_workqueue_wait_seconds_sum{controller="workloads"} 2"#,
            #"flotilla_workqueue_wait_seconds_count{controller="workloads"} 1"#,
            "# TYPE flotilla_reconcile_duration_seconds histogram",
            #"flotilla_reconcile_duration_seconds_bucket{controller="workloads",le="0.025"} 0"#,
            #"flotilla_reconcile_duration_seconds_bucket{controller="workloads",le="0.05"} 1"#,
            #"flotilla_reconcile_duration_seconds_bucket{controller="workloads",le="60"} 1"#,
            #"flotilla_reconcile_duration_seconds_count{controller="workloads"} 1"#,
        ]
        let lines = Set(text.split(separator: "\n").map(String.init))
        for line in expected {
            #expect(lines.contains(line), "missing \(line) in:\n\(text)")
        }
    }
}
