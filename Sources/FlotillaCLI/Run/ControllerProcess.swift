import Foundation
import KubeClient
import Logging
import Telemetry

/// `flotilla run` put together: the host connection, the cluster and workload controllers, the
/// telemetry endpoints and leader election, for one process's lifetime.
///
/// Order of shutdown on SIGTERM: the controllers stop taking keys and their in-flight reconciles
/// are cancelled, the lease is released (so a standby takes over at once rather than after the
/// lease duration), then the telemetry server stops.
struct ControllerProcess {
    let options: ControllerOptions
    let logger = Logger(label: "flotilla")

    func run() async throws {
        let connection = try Self.hostConnection(options)
        let host = KubeAPI(connection: connection)
        let metrics = ControllerMetrics()
        // A standby says so (0) rather than having no series: `sum(flotilla_leader)` over the
        // replicas should be exactly 1.
        metrics.leader.labels().set(false)
        let leadership = Leadership()

        let telemetry = TelemetryServer(
            host: options.telemetryAddress.host, port: options.telemetryAddress.port, registry: metrics.registry,
            readiness: { await Self.readiness(leadership: leadership) })
        let port = try await telemetry.start()
        logger.info("serving telemetry", metadata: ["address": "\(options.telemetryAddress.host):\(port)"])

        let signal = ShutdownSignal()
        let options = options
        let logger = logger
        let main = Task {
            // One leadership term. The controllers are made anew for each term: a controller's
            // queue is shut down for good when the term ends, and what its caches held may be
            // stale by the time this replica leads again.
            let body: @Sendable () async -> Void = {
                let term = ControllerTerm(host: host, options: options, metrics: metrics)
                await leadership.begin(term)
                metrics.leader.labels().set(true)
                logger.info("leading: starting controllers", metadata: ["server": "\(connection.server)"])
                await term.run()
                await leadership.end()
                metrics.leader.labels().set(false)
                logger.info("controllers stopped")
            }
            if options.leaderElection.enabled {
                do {
                    let elector = try LeaderElector(
                        api: host, namespace: options.leaderElection.namespace, name: options.leaderElection.leaseName,
                        identity: Self.identity(), leaseDuration: options.leaderElection.leaseDuration,
                        renewDeadline: options.leaderElection.renewDeadline,
                        retryPeriod: options.leaderElection.retryPeriod,
                        onEvent: { event in logger.info("leader election", metadata: ["event": "\(event)"]) })
                    await elector.run(whileLeading: body)
                } catch {
                    logger.error("leader election is misconfigured", metadata: ["error": "\(error)"])
                }
            } else {
                await body()
            }
        }
        let received = await signal.wait()
        logger.info("shutting down", metadata: ["signal": "\(received ?? "cancelled")"])
        main.cancel()
        await main.value
        await telemetry.stop()
        logger.info("stopped")
    }

    /// Ready when leading with synced caches, or standing by (a standby is healthy and takes
    /// over when the leader goes).
    static func readiness(leadership: Leadership) async -> Readiness {
        guard let term = await leadership.term else { return .ready }
        return await term.workloads.caches.hasSynced ? .ready : .notReady("host caches have not synced yet")
    }
    /// The kubeconfig (flag, file, `$KUBECONFIG`, `~/.kube/config`), else the pod's service account.
    static func hostConnection(_ options: ControllerOptions) throws -> ClusterConnection {
        let loader = KubeconfigLoader(explicitPath: options.kubeconfig, context: options.context)
        if options.kubeconfig == nil, InClusterConfig().isAvailable,
            loader.candidateFiles.allSatisfy({ !FileManager.default.fileExists(atPath: $0) })
        {
            return try InClusterConfig().load()
        }
        return try loader.load()
    }

    /// `hostname_random`: unique per process, readable in the lease.
    static func identity() -> String {
        let host = ProcessInfo.processInfo.hostName
        return "\(host)_\(UUID().uuidString.prefix(8).lowercased())"
    }
}

/// The controllers of the current leadership term, if this process leads; for the readiness probe.
actor Leadership {
    private(set) var term: ControllerTerm?
    func begin(_ term: ControllerTerm) { self.term = term }
    func end() { term = nil }
}
