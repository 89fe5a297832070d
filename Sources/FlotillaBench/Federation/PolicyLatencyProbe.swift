import Federation
import KubeClient
import KubeObjects

/// When member watches delivered events about each sample workload.
///
/// Arrival times are taken in the watch's own task as each event comes off the stream, so the
/// hop into this actor adds nothing to the measured latency.
actor MemberEventBoard {
    private var firstModified: [String: ContinuousClock.Instant] = [:]
    private var lastEvent: [String: ContinuousClock.Instant] = [:]
    private var waiters: [String: [CheckedContinuation<ContinuousClock.Instant?, Never>]] = [:]

    func record(_ name: String, modified: Bool, at instant: ContinuousClock.Instant) {
        lastEvent[name] = max(lastEvent[name] ?? instant, instant)
        guard modified, firstModified[name] == nil else { return }
        firstModified[name] = instant
        for waiter in waiters.removeValue(forKey: name) ?? [] { waiter.resume(returning: instant) }
    }

    /// The first MODIFIED event of `name` on any member; `nil` when none came within `timeout`.
    func firstModified(of name: String, timeout: Duration) async -> ContinuousClock.Instant? {
        if let instant = firstModified[name] { return instant }
        return await withCheckedContinuation { continuation in
            waiters[name, default: []].append(continuation)
            Task {
                try? await Task.sleep(for: timeout)
                self.expire(name)
            }
        }
    }

    /// The last event of any kind (MODIFIED, ADDED, DELETED) about `name` on any member.
    func lastEvent(of name: String) -> ContinuousClock.Instant? { lastEvent[name] }

    private func expire(_ name: String) {
        for waiter in waiters.removeValue(forKey: name) ?? [] { waiter.resume(returning: nil) }
    }
}

/// Policy change → member write latency, on a converged federation.
///
/// Each sample workload has a policy of its own. A sample patches that policy's weights (equal
/// → the first member weighted 12) and measures, from the moment the host's answer arrives,
/// until a member watch (opened beforehand, on its own connection) delivers a MODIFIED event
/// for the workload (`first`), and until the last member event of that change (`settled`,
/// read once the controller's queue is idle again). Samples run one after another on a quiet
/// controller, so each measures the path, not a backlog.
struct PolicyLatencyProbe {
    struct Result: Sendable, Codable {
        var firstMilliseconds: [Double]
        var settledMilliseconds: [Double]
    }

    let controller: WorkloadController
    let fixture: FederationFixture
    let host: KubeAPI
    /// Clients for the probe's own watches, one per member, apart from the controller's.
    let watchers: [String: KubeAPI]
    let convergence: Convergence

    /// Runs `warmups` unmeasured samples, then the rest of the fixture's samples.
    func run(warmups: Int) async throws -> Result {
        let board = MemberEventBoard()
        var watches: [Task<Void, Never>] = []
        defer { for watch in watches { watch.cancel() } }
        for (cluster, api) in watchers { watches.append(try await watch(api, cluster: cluster, into: board)) }

        let clock = ContinuousClock()
        var result = Result(firstMilliseconds: [], settledMilliseconds: [])
        for index in 0..<fixture.samples {
            let name = fixture.workloadName(index)
            _ = try await host.patch(
                .propagationPolicies, namespace: FederationFixture.namespace, name: fixture.samplePolicyName(index),
                ["spec": ["placement": fixture.placement(heavy: true)]])
            let returned = clock.now
            guard let first = await board.firstModified(of: name, timeout: .seconds(10)) else {
                throw BenchError("no member reported a change of \(name) within 10 s of its policy change")
            }
            try await settle()
            guard index >= warmups else { continue }
            result.firstMilliseconds.append(milliseconds(first - returned))
            let last = await board.lastEvent(of: name) ?? first
            result.settledMilliseconds.append(milliseconds(last - returned))
        }
        return result
    }

    /// Opens a watch of the member's sample copies from its current resourceVersion, and
    /// returns once the list that gave that version has answered.
    private func watch(_ api: KubeAPI, cluster: String, into board: MemberEventBoard) async throws -> Task<Void, Never> {
        let selector = "\(FederationFixture.sampleLabel)=true"
        let page = try await api.list(
            .deployments, namespace: FederationFixture.namespace, options: ListOptions(labelSelector: selector, limit: 1))
        let options = WatchOptions(
            resourceVersion: page.resourceVersion, allowBookmarks: false, labelSelector: selector, timeoutSeconds: 3600)
        return Task {
            let clock = ContinuousClock()
            do {
                for try await event in api.watch(.deployments, namespace: FederationFixture.namespace, options: options) {
                    let now = clock.now
                    switch event {
                    case .modified(let object), .added(let object), .deleted(let object):
                        guard let name = object[path: ["metadata", "name"]]?.stringValue else { continue }
                        let modified = if case .modified = event { true } else { false }
                        await board.record(name, modified: modified, at: now)
                    case .bookmark, .gone, .error:
                        continue
                    }
                }
            } catch {
                // Cancelled at the end of the probe; a failed watch shows up as missing samples.
            }
        }
    }

    /// Waits until the controller's queue has been idle for two polls in a row.
    private func settle() async throws {
        var quiet = 0
        while quiet < 2 {
            quiet = await convergence.isIdle() ? quiet + 1 : 0
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    private func milliseconds(_ duration: Duration) -> Double { seconds(duration) * 1000 }
}
