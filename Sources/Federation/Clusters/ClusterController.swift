import KubeClient
import KubeObjects

/// Keeps every FederatedCluster's status true to its member, and `MemberClients` true to every
/// FederatedCluster and its Secret (kubeadmiral-api.md §5).
///
/// It watches FederatedClusters (cluster-scoped) and the Secrets of the federation namespace on
/// the host, and queues a cluster's name when its spec changes, when it is added or deleted, and
/// when the Secret it names changes. Each reconcile resolves the credentials, probes the member,
/// applies the flap threshold and writes the status subresource only when something changed
/// (see `ClusterStatusComposer` for the timestamps), then looks again after the health period.
///
/// Time comes from `host.clock`: the queue's delays, the threshold and the condition timestamps
/// (`wallTime`), so tests drive the controller with a `ManualClock`.
///
/// Guarantees: reconciles start only after both stores have synced; members are probed by
/// independent workers, so one that does not answer delays no other while workers are free; a
/// deleted FederatedCluster's client is dropped at its next reconcile, which its deletion queues.
///
/// Caveats: call `run()` once. Joining side effects (service accounts in the member) are not
/// performed: the Secret must already hold working credentials.
public struct ClusterController: Sendable {
    public let host: KubeAPI
    public let federation: FederationSettings
    public let settings: ClusterHealthSettings
    /// The member clients this controller maintains, for the other controllers.
    public let memberClients: MemberClients
    /// FederatedClusters as the host has them (statuses included, as written).
    public let clusters: Store
    /// Secrets of the federation namespace.
    public let secrets: Store
    public let queue: WorkQueue
    private let report: @Sendable (ReconcileReport) async -> Void

    /// - Parameters:
    ///   - host: the host cluster's API; its clock drives the controller.
    ///   - memberClients: where clients go; a fresh one with the host's clock by default.
    ///   - report: told the outcome of every reconcile (logs, metrics, tests).
    public init(
        host: KubeAPI, federation: FederationSettings = FederationSettings(),
        settings: ClusterHealthSettings = ClusterHealthSettings(), memberClients: MemberClients? = nil,
        report: @escaping @Sendable (ReconcileReport) async -> Void = { _ in }
    ) {
        self.host = host
        self.federation = federation
        self.settings = settings
        self.memberClients = memberClients ?? MemberClients(clock: host.clock)
        self.clusters = Store(resource: APIResource.federatedClusters.groupResource)
        self.secrets = Store(resource: APIResource.secrets.groupResource)
        self.queue = WorkQueue(clock: host.clock)
        self.report = report
    }

    /// The FederatedClusters now, as a snapshot for the placement engine (decode each with
    /// `FederatedCluster.decode`).
    public func clustersSnapshot() async -> StoreSnapshot { await clusters.snapshot() }

    /// Runs the watches and the workers until the task is cancelled.
    public func run() async {
        let clusterResource = clusters.resource
        await clusters.addHandler { [queue] change in
            guard Self.needsProbe(change) else { return }
            await queue.add(ObjectKey(resource: clusterResource, namespace: nil, name: change.key.name))
        }
        await secrets.addHandler { [clusters, queue] change in
            let secretName = change.key.name
            for object in await clusters.snapshot().objects
            where object[path: ["spec", "secretRef", "name"]]?.stringValue == secretName {
                if let key = ObjectKey(object: object, resource: clusterResource) { await queue.add(key) }
            }
        }
        let reconciler = ClusterReconciler(
            host: host, clusters: clusters, secrets: secrets, members: memberClients,
            book: ClusterStatusBook(threshold: settings.statusThreshold), namespace: federation.federationNamespace,
            period: settings.healthCheckPeriod, probe: ClusterProbe(timeout: settings.probeTimeout))
        let controller = Controller(queue: queue, reconciler: reconciler, report: report)
        let reflectors = [
            Reflector(api: host, resource: APIResource.federatedClusters, store: clusters),
            Reflector(api: host, resource: .secrets, namespace: federation.federationNamespace, store: secrets),
        ]
        let (clusters, secrets, workers) = (clusters, secrets, settings.workers)
        await withDiscardingTaskGroup { group in
            for reflector in reflectors {
                group.addTask { await reflector.run() }
            }
            group.addTask {
                do {
                    try await clusters.waitUntilSynced()
                    try await secrets.waitUntilSynced()
                } catch {
                    return
                }
                await controller.run(workers: workers)
            }
        }
    }

    /// Additions, deletions and changes of `spec` (or of the deletion mark) need a new probe; a
    /// change of status alone (this controller's own writes) or of labels does not.
    static func needsProbe(_ change: StoreChange) -> Bool {
        guard case .updated(_, let old, let new) = change else { return true }
        return old["spec"] != new["spec"]
            || old[path: ["metadata", "deletionTimestamp"]] != new[path: ["metadata", "deletionTimestamp"]]
    }
}
