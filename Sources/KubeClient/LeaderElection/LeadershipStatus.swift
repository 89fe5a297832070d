import Synchronization

/// Whether a `LeaderElector` leads now, readable from anywhere: a readiness probe, a metrics
/// gauge, a test.
///
/// Guarantees: `isLeader` turns true just before the body starts and false as soon as the elector
/// decides to step down (the body may still be finishing its cancellation then). Waiters are
/// resumed on every change, and when their task is cancelled.
public final class LeadershipStatus: Sendable {
    struct State: Sendable {
        var isLeader = false
        var observedHolder: String?
        /// Set while the elector waits for its next attempt, until this instant; `nil` while it
        /// works (reads, writes, a body starting or stopping). Tests step virtual time only while
        /// every elector waits, so that each step's effects are complete before the next.
        var idleUntil: ClockInstant?
        /// `run()` has returned.
        var finished = false
    }

    private struct Waiter {
        var isSatisfied: @Sendable (State) -> Bool
        var continuation: CheckedContinuation<Void, Never>
    }

    private let state = Mutex((current: State(), waiters: [UInt64: Waiter](), nextID: UInt64(0)))

    init() {}

    public var isLeader: Bool { state.withLock { $0.current.isLeader } }

    /// The holder named by the lease as last read or written by this elector; `nil` before the
    /// first read, `""` when the lease was released.
    public var observedHolder: String? { state.withLock { $0.current.observedHolder } }

    /// Returns once `isLeader == leading` (at once when it already is), or when the task is cancelled.
    public func waitUntil(leading: Bool) async {
        await waitUntil { $0.isLeader == leading }
    }

    var current: State { state.withLock { $0.current } }

    func update(_ change: (inout State) -> Void) {
        let ready: [CheckedContinuation<Void, Never>] = state.withLock { state in
            change(&state.current)
            let current = state.current
            let satisfied = state.waiters.filter { $0.value.isSatisfied(current) }
            for id in satisfied.keys { state.waiters[id] = nil }
            return satisfied.values.map(\.continuation)
        }
        for continuation in ready { continuation.resume() }
    }

    func waitUntil(_ isSatisfied: @escaping @Sendable (State) -> Bool) async {
        let id = state.withLock { state -> UInt64 in
            state.nextID += 1
            return state.nextID
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state -> Bool in
                    if isSatisfied(state.current) || Task.isCancelled { return true }
                    state.waiters[id] = Waiter(isSatisfied: isSatisfied, continuation: continuation)
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { $0.waiters.removeValue(forKey: id) }
            waiter?.continuation.resume()
        }
    }
}
