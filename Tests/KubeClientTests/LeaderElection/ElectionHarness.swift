import KubeObjects
import KubeSim
import Synchronization

@testable import KubeClient

/// Which candidates' bodies run, recorded from the bodies themselves: the ground truth for "never
/// two leaders at once", independent of what the electors believe.
final class LeadershipLedger: Sendable {
    private let state = Mutex((active: [String](), starts: [String](), overlaps: [String]()))
    let events = EventLog<String>()

    var active: [String] { state.withLock { $0.active } }
    var starts: [String] { state.withLock { $0.starts } }
    /// Each start that found another body running, as "new while old".
    var overlaps: [String] { state.withLock { $0.overlaps } }

    /// The body a candidate runs while it leads: records its start, waits to be cancelled, records its end.
    func body(_ identity: String) -> @Sendable () async -> Void {
        { [self] in
            enter(identity)
            defer { leave(identity) }
            try? await Task.sleep(for: .seconds(86_400))
        }
    }

    private func enter(_ identity: String) {
        state.withLock { state in
            if !state.active.isEmpty { state.overlaps.append("\(identity) while \(state.active.joined(separator: ","))") }
            state.active.append(identity)
            state.starts.append(identity)
        }
        events.record("start \(identity)")
    }

    private func leave(_ identity: String) {
        state.withLock { $0.active.removeAll { $0 == identity } }
        events.record("stop \(identity)")
    }
}

/// One candidate: an elector running in its own task, as one replica of the controller would.
final class Candidate: Sendable {
    let identity: String
    let elector: LeaderElector
    /// This candidate's own way to the server, which a test can cut.
    let network: PartitionableTransport
    let events = Recorder<LeaderElectionEvent>()
    private let task: Mutex<Task<Void, Never>?> = Mutex(nil)

    init(_ identity: String, harness: ElectionHarness, releaseOnCancel: Bool) throws {
        self.identity = identity
        let events = self.events
        network = PartitionableTransport(harness.api.transport)
        elector = try LeaderElector(
            api: KubeAPI(transport: network), namespace: ElectionHarness.namespace, name: ElectionHarness.leaseName,
            identity: identity, releaseOnCancel: releaseOnCancel, clock: harness.clock,
            onEvent: { events.append($0) })
    }

    func start(_ ledger: LeadershipLedger) {
        let elector = self.elector
        let body = ledger.body(identity)
        task.withLock { $0 = Task { await elector.run(whileLeading: body) } }
    }

    /// Cancels the elector (a crash unless it releases on cancel) and waits until `run` has returned.
    func stop() async {
        let running = task.withLock { task in
            defer { task = nil }
            return task
        }
        running?.cancel()
        await running?.value
    }

    var isRunning: Bool { task.withLock { $0 != nil } }
}

/// A KubeSim server with the federation namespace, a virtual clock and a client to it.
///
/// Time moves only in `advance`, one second per step; after each step the harness waits until
/// every running elector is waiting for a later instant, so each step's reads, writes and body
/// starts and stops are done before the next one. Virtual time thus orders the candidates' actions
/// exactly as real time would on machines whose clocks run at the same rate.
final class ElectionHarness: Sendable {
    static let namespace = "kube-admiral-system"
    static let leaseName = "flotilla-controller"

    let server: KubeSimServer
    let clock = ManualClock()
    let api: KubeAPI
    let ledger = LeadershipLedger()

    private init(server: KubeSimServer, port: Int) {
        self.server = server
        api = KubeAPI(transport: CurlTransport(server: ServerURL(scheme: .http, host: "127.0.0.1", port: port)))
    }

    static func run<T>(_ body: (ElectionHarness) async throws -> T) async throws -> T {
        let server = KubeSimServer()
        let port = try await server.start()
        let harness = ElectionHarness(server: server, port: port)
        do {
            try await harness.createNamespace()
            let result = try await body(harness)
            await server.stop()
            return result
        } catch {
            await server.stop()
            throw error
        }
    }

    /// Creates the lease's namespace. One CI run saw this first request to a just-started server
    /// answered with an empty reply (under investigation, see the session note); the setup tries
    /// again, since the tests are about the elector, not about that first connection.
    private func createNamespace() async throws {
        let namespaceObject: JSONValue = ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(Self.namespace)]]
        for attempt in 1...3 {
            do {
                _ = try await api.create(.namespaces, namespaceObject)
                return
            } catch {
                if error.code == .alreadyExists { return }
                if attempt == 3 || error.code != .transport { throw error }
            }
        }
    }

    func candidate(_ identity: String, releaseOnCancel: Bool = true, start: Bool = true) throws -> Candidate {
        let candidate = try Candidate(identity, harness: self, releaseOnCancel: releaseOnCancel)
        if start { candidate.start(ledger) }
        return candidate
    }

    /// Waits until each candidate's elector has finished or waits for an instant after now.
    func settle(_ candidates: [Candidate]) async {
        let now = clock.now
        for candidate in candidates where candidate.isRunning {
            await candidate.elector.status.waitUntil { $0.finished || ($0.idleUntil.map { $0 > now } ?? false) }
        }
    }

    /// Moves virtual time forward one second at a time, settling after each step; `check` runs
    /// after every step with the clock's reading in whole seconds.
    func advance(seconds: Int, _ candidates: [Candidate], check: (Int64) async -> Void = { _ in }) async {
        for _ in 0..<seconds {
            clock.advance(by: .seconds(1))
            await settle(candidates)
            await check(clock.now.offset.components.seconds)
        }
    }

    /// The lease as stored on the server.
    func record() async throws -> LeaderElectionRecord {
        try LeaderElectionRecord(lease: try await api.get(.leases, namespace: Self.namespace, name: Self.leaseName))
    }

    /// Fails the next `count` writes of leases with a 500.
    func failLeaseWrites(_ count: Int) async {
        await server.injectFault(.internalError, count: count, matching: RequestMatcher(method: "PUT", pathContains: "/leases/"))
    }

    func leaders(_ candidates: [Candidate]) -> [String] {
        candidates.filter { $0.elector.status.isLeader }.map(\.identity)
    }
}
