import KubeClient
import KubeObjects
import Placement

/// The federation's main loop: host informers → work queue → `WorkloadReconciler`, with the
/// member watches that report what the members did.
///
/// Everything that can change a workload's placement enqueues it: the workload itself, the
/// policies its labels name, any FederatedCluster (clusters are few; every workload is looked at
/// again), and its member objects. The reconciler decides whether anything needs doing.
public struct WorkloadController: Sendable {
    public let caches: HostCaches
    public let members: MemberWatches
    public let queue: WorkQueue
    let reconciler: WorkloadReconciler
    let report: @Sendable (ReconcileReport) async -> Void
    let clients: any MemberClientSource
    let memberSyncWait: Duration

    /// - Parameter memberSyncWait: how long reconciles wait for a member's first list after its
    ///   watch starts (`MemberWatches`); after that an unlisted member is unknown at once.
    public init(
        host: KubeAPI, clients: any MemberClientSource, clock: any KubeClock, watchTimeoutSeconds: Int = 300,
        memberSyncWait: Duration = .seconds(10), observer: any WorkloadObserver = NoWorkloadObserver(),
        report: @escaping @Sendable (ReconcileReport) async -> Void = { _ in }
    ) {
        let caches = HostCaches(api: host, watchTimeoutSeconds: watchTimeoutSeconds)
        let queue = WorkQueue(clock: clock)
        self.caches = caches
        self.queue = queue
        self.report = report
        self.clients = clients
        self.memberSyncWait = memberSyncWait
        members = MemberWatches(
            clients: clients, watchTimeoutSeconds: watchTimeoutSeconds, syncWait: memberSyncWait,
            onPodChange: { _, change in
                // A pod becoming unschedulable, or scheduled after being so, moves the estimate.
                guard let key = ChangeFilters.workloadOfPendingPodChange(change) else { return }
                await queue.add(key)
            },
            onLateSync: { _ in
                // A member that was unknown until now: the workloads that failed on it are in
                // backoff, and those that skipped it could not clean it up. Look at all again.
                for key in await caches.deployments.store.snapshot().keys { await queue.add(key) }
            },
            onChange: { _, change in
                // A copy is keyed like its host workload (same resource, namespace and name).
                guard ChangeFilters.memberChangeMatters(change) else { return }
                await queue.add(change.key)
            })
        reconciler = WorkloadReconciler(
            host: host, caches: caches, members: members, clients: clients,
            events: EventRecorder(api: host, clock: clock), clock: clock, observer: observer)
    }

    /// Runs until the task is cancelled: informers, member watches and `workers` workers; every
    /// `resyncPeriod` (on the controller's clock), every workload is looked at again, which repairs
    /// drift nobody was told about (a member object edited while its watch was down).
    public func run(workers: Int, resyncPeriod: Duration? = nil) async {
        await withDiscardingTaskGroup { group in
            group.addTask { await caches.run() }
            if let resyncPeriod {
                group.addTask {
                    while (try? await reconciler.clock.sleep(for: resyncPeriod)) != nil {
                        for key in await caches.deployments.store.snapshot().keys { await queue.add(key) }
                    }
                }
            }
            group.addTask {
                await registerHandlers()
                do { try await caches.waitUntilSynced() } catch { return }
                // A restart must not write what it cannot see yet: wait for the members' clients
                // (the cluster controller resolves their credentials) and their first lists.
                await waitForClients(of: await clusterNames())
                await members.sync(clusters: await clusterNames())
                await followClients()
                await members.waitForFirstLists()
                await Controller(queue: queue, reconciler: reconciler, report: report).run(workers: workers)
            }
            group.addTask {
                // The queue shuts down when the controller's task ends; end the others with it.
                await withTaskCancellationHandler {
                    while !Task.isCancelled { try? await Task.sleep(for: .seconds(3600)) }
                } onCancel: {
                    Task { await queue.shutDown() }
                }
            }
        }
        await members.stopAll()
    }

    /// Restarts a member's watches whenever its client changes (new credentials, or credentials
    /// that resolve only now). A restarted watch lists afresh and, once listed, requeues every
    /// workload (`onLateSync`), so what was written through the old client is looked at again.
    private func followClients() async {
        let members = self.members
        let clusters = caches.clusters.store
        await clients.addHandler { _ in
            await members.sync(clusters: Set(await clusters.snapshot().keys.map(\.name)))
        }
    }

    /// Waits until each of `clusters` has a client, for at most `memberSyncWait` (real time): a
    /// member whose credentials do not resolve should not keep the others waiting for long.
    private func waitForClients(of clusters: Set<String>) async {
        let deadline = ContinuousClock.now + memberSyncWait
        for cluster in clusters.sorted() {
            while await clients.client(for: cluster) == nil, ContinuousClock.now < deadline, !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(20))
            }
        }
    }

    private func clusterNames() async -> Set<String> {
        Set(await caches.clusters.store.snapshot().keys.map(\.name))
    }

    private func registerHandlers() async {
        let queue = self.queue
        let deployments = caches.deployments.store
        await deployments.addHandler { change in
            if ChangeFilters.workloadChangeMatters(change) { await queue.add(change.key) }
        }
        let bindings: [(Store, String, Bool)] = [
            (caches.propagationPolicies.store, PolicyLabel.propagationPolicy, true),
            (caches.clusterPropagationPolicies.store, PolicyLabel.clusterPropagationPolicy, false),
            (caches.overridePolicies.store, PolicyLabel.overridePolicy, true),
            (caches.clusterOverridePolicies.store, PolicyLabel.clusterOverridePolicy, false),
        ]
        for (store, label, namespaced) in bindings {
            await store.addHandler { change in
                let snapshot = await deployments.snapshot()
                for key in snapshot.keys(labeled: label, change.key.name)
                where !namespaced || key.namespace == change.key.namespace {
                    await queue.add(key)
                }
            }
        }
        let members = self.members
        let clusters = caches.clusters.store
        await clusters.addHandler { change in
            guard ChangeFilters.clusterChangeMatters(change) else { return }
            await members.sync(clusters: Set(await clusters.snapshot().keys.map(\.name)))
            for key in await deployments.snapshot().keys { await queue.add(key) }
        }
    }
}
