import KubeClient
import KubeObjects

/// What every part of one member's simulation shares: the API, the clock, the configuration,
/// the stores, and the state that outlives a reconcile.
struct SimContext: Sendable {
    let api: KubeAPI
    let clock: any KubeClock
    let member: MemberConfig
    let informers: Informers
    let expectations: Expectations
    let scheduling: SchedulingState
    let timers: SimTimers
    let log: @Sendable (String) -> Void

    /// The queue key of the cluster-wide pass (kubelet, scheduler, autoscaler).
    static let clusterKey = ObjectKey(
        resource: GroupResource(group: "sim.flotilla.io", resource: "cluster"), namespace: nil, name: "cluster")

    /// The clock's calendar time in RFC 3339 with whole seconds, as Kubernetes writes timestamps.
    var timestamp: String { RFC3339.wholeSeconds(clock.wallTime) }

    /// A write that tolerates the object being gone already (a delete racing another).
    func deleteIfPresent(_ resource: APIResource, namespace: String?, name: String, options: DeleteOptions = DeleteOptions())
        async throws
    {
        let api = self.api
        _ = try await tolerating([.notFound]) { () throws(KubeAPIError) in
            try await api.delete(resource, namespace: namespace, name: name, options: options)
        }
    }
}

/// State of the cluster-wide pass that outlives one reconcile.
actor SchedulingState {
    /// Pods bound by this simulator whose binding the pod store does not show yet: their
    /// resources count as used, so the next pass cannot give the same room away twice.
    private(set) var assumed: [ObjectKey: String] = [:]
    /// Nodes requested from the autoscaler and not yet created, per pool, with when they are due.
    private(set) var provisioning: [(pool: String, due: ClockInstant)] = []
    /// When each empty autoscaled node was first seen empty.
    private var emptySince: [String: ClockInstant] = [:]
    /// Nodes the autoscaler created that the node store does not show yet, with their pools:
    /// they count toward their pool's size, or the next pass would create them again.
    private(set) var createdNodes: [String: String] = [:]
    /// Nodes the autoscaler deleted that the node store still shows: no pod may be bound there.
    private(set) var deletedNodes: Set<String> = []

    func noteCreated(_ node: String, pool: String) { createdNodes[node] = pool }

    /// A creation that failed: the node will not appear.
    func forgetCreated(_ node: String) { createdNodes[node] = nil }

    func noteDeleted(_ node: String) {
        deletedNodes.insert(node)
        emptySince[node] = nil
    }

    /// Forgets the creations and deletions the node store now reflects.
    func pruneNodeChanges(visible: Set<String>) {
        createdNodes = createdNodes.filter { !visible.contains($0.key) }
        deletedNodes = deletedNodes.filter(visible.contains)
    }

    /// Problems already logged, so that a pass repeated on every change does not repeat them.
    private var reported: Set<String> = []

    func isFirstReport(of problem: String) -> Bool { reported.insert(problem).inserted }

    func assume(_ pod: ObjectKey, on node: String) { assumed[pod] = node }

    func forgetAssumption(_ pod: ObjectKey) { assumed[pod] = nil }

    /// Drops the assumptions the stores now reflect (the pod shows a node, or is gone).
    func pruneAssumptions(visible pods: [ObjectKey: PodInfo]) {
        assumed = assumed.filter { key, _ in pods[key].map { $0.nodeName == nil } ?? false }
    }

    func provisioningCounts() -> [String: Int] {
        provisioning.reduce(into: [:]) { $0[$1.pool, default: 0] += 1 }
    }

    func requestNodes(pool: String, count: Int, due: ClockInstant) {
        provisioning += Array(repeating: (pool, due), count: count)
    }

    /// Removes and returns the requests due at `now`.
    func takeDueProvisioning(at now: ClockInstant) -> [String] {
        let due = provisioning.filter { $0.due <= now }.map(\.pool)
        provisioning.removeAll { $0.due <= now }
        return due
    }

    /// Records whether `node` is empty now; returns since when it has been (nil when busy).
    func noteEmpty(_ node: String, isEmpty: Bool, now: ClockInstant) -> ClockInstant? {
        guard isEmpty else {
            emptySince[node] = nil
            return nil
        }
        if let since = emptySince[node] { return since }
        emptySince[node] = now
        return now
    }
}
