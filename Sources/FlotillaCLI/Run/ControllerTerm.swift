import Federation
import KubeClient
import Placement

/// The cluster and workload controllers of one leadership term, with their caches and queues:
/// what `flotilla run` runs while it leads, and what `flotilla demo` runs against its simulated
/// federation.
struct ControllerTerm: Sendable {
    let clusters: ClusterController
    let workloads: WorkloadController
    let options: ControllerOptions
    let metrics: ControllerMetrics

    /// - Parameter clock: the controllers' timers (health probes, flap threshold, requeues at the
    ///   auto-migration threshold, resyncs) and the cluster controller's request retries; the
    ///   workload controller's requests retry on `host`'s clock. `flotilla demo` passes its
    ///   simulated clock; `flotilla run` the system clock.
    init(host: KubeAPI, options: ControllerOptions, metrics: ControllerMetrics, clock: any KubeClock = SystemClock()) {
        self.options = options
        self.metrics = metrics
        var clusterHost = host
        clusterHost.clock = clock
        clusters = ClusterController(
            host: clusterHost, federation: FederationSettings(federationNamespace: options.federationNamespace),
            settings: ClusterHealthSettings(
                healthCheckPeriod: options.clusterHealthPeriod, statusThreshold: options.clusterStatusThreshold),
            report: { metrics.record($0, controller: "cluster") })
        workloads = WorkloadController(
            host: host, clients: clusters.memberClients, clock: clock, observer: metrics,
            report: { metrics.record($0, controller: "workload") })
    }

    /// Runs both controllers and the metrics sampler until cancelled. (The workload controller's
    /// member watches follow the cluster controller's clients by themselves.)
    func run() async {
        await withDiscardingTaskGroup { group in
            group.addTask { await clusters.run() }
            group.addTask { await workloads.run(workers: options.workers, resyncPeriod: options.resyncPeriod) }
            group.addTask {
                while !Task.isCancelled {
                    metrics.sample(await workloads.queue.stats(), controller: "workload")
                    metrics.sample(await clusters.queue.stats(), controller: "cluster")
                    for object in await clusters.clustersSnapshot().objects {
                        guard let name = object[path: ["metadata", "name"]]?.stringValue else { continue }
                        let ready = (try? FederatedCluster.decode(object))?.status.isReady ?? false
                        metrics.clusterReady.labels(name).set(ready)
                    }
                    try? await Task.sleep(for: .seconds(5))
                }
            }
        }
    }
}
