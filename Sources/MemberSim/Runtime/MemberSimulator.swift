import KubeClient
import KubeObjects

/// Plays everything a real member cluster does with Deployments — Deployment and ReplicaSet
/// controllers, kubelets, a ResourcePolicy-aware scheduler and a cluster autoscaler — as a client
/// of that member's API server.
///
/// It only reads and writes through the `KubeAPI` (lists, watches, creates, patches, the
/// `pods/NAME/binding` subresource), so it works the same against a `KubeSimServer` and against
/// a real kube-apiserver that runs no controller-manager, scheduler or kubelet. All its timing
/// (the autoscaler's delays, timestamps in conditions) follows the injected `KubeClock`.
///
/// Usage: `let sim = MemberSimulator(member: …, api: …, clock: …)`, then run `try await sim.run()`
/// in a task (cancel the task to stop it), and `try await sim.waitUntilIdle()` wherever a caller
/// needs the member to have settled.
public actor MemberSimulator {
    public nonisolated let member: MemberConfig
    let context: SimContext
    let queue: WorkQueue
    let activity = Activity()
    var phase = Phase.notStarted

    enum Phase {
        case notStarted, settingUp, running, stopped
        case failed(any Error)
    }

    /// - Parameters:
    ///   - member: the member to simulate, from `FederationConfig`.
    ///   - api: the member's API server.
    ///   - clock: the simulation's clock: a `ManualClock` in tests and the demo.
    ///   - log: one line per notable step (nodes added and removed, policies ignored).
    public init(
        member: MemberConfig, api: KubeAPI, clock: any KubeClock = SystemClock(),
        log: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.member = member
        // Retries of failed writes wait on real time, so that a transient API error never
        // waits for a virtual clock that nobody advances.
        let queue = WorkQueue(clock: SystemClock())
        let activity = self.activity
        let timers = SimTimers(clock: clock) {
            await queue.add(SimContext.clusterKey)
            await activity.advance()
        }
        self.queue = queue
        context = SimContext(
            api: api, clock: clock, member: member, informers: Informers(), expectations: Expectations(),
            scheduling: SchedulingState(), timers: timers, log: log)
    }

    /// Sets the member up (CRDs, ResourcePolicies, nodes, each only if absent), then watches and
    /// converges until the calling task is cancelled. Throws if the setup fails or if the
    /// simulator was already started; returns normally once cancelled.
    public func run() async throws {
        guard case .notStarted = phase else { throw MemberSimulatorError.alreadyStarted }
        phase = .settingUp
        do {
            try await MemberSetup(context: context).perform()
        } catch {
            await finish(.failed(error))
            throw error
        }
        let context = self.context
        let queue = self.queue
        await context.informers.routeChanges(to: queue, expectations: context.expectations, activity: activity)
        let activity = self.activity
        let controller = Controller(queue: queue, reconciler: MemberReconciler(context: context)) { report in
            if case .retrying(_, let error) = report.outcome { context.log("retrying \(report.key): \(error)") }
            await activity.advance()
        }
        await withDiscardingTaskGroup { group in
            group.addTask { await context.informers.run(api: context.api) }
            group.addTask {
                do { try await context.informers.waitUntilSynced() } catch { return }
                await self.markRunning()
                await controller.run(workers: 1)
            }
        }
        await context.timers.stop()
        await queue.shutDown()
        await finish(.stopped)
    }

    private func markRunning() async {
        phase = .running
        await activity.advance()
    }

    private func finish(_ final: Phase) async {
        phase = final
        await activity.advance()
    }
}

/// Why a `MemberSimulator` call could not do what was asked.
public enum MemberSimulatorError: Error, Sendable, CustomStringConvertible {
    /// `run()` was called on a simulator that had already been started.
    case alreadyStarted
    /// The simulator stopped (its `run()` was cancelled) before it became idle.
    case stopped
    /// `run()` failed, so the simulator will never become idle.
    case failed(String)

    public var description: String {
        switch self {
        case .alreadyStarted: return "the member simulator is already running"
        case .stopped: return "the member simulator has stopped"
        case .failed(let why): return "the member simulator failed: \(why)"
        }
    }
}
