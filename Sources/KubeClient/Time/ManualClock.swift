import Synchronization

/// A clock that moves only when a test says so.
///
/// `advance(by:)` resumes, in deadline order, every sleeper whose deadline it reaches, so code that
/// waits on this clock (a work queue's delayed add, a watch's reconnect backoff) runs on virtual
/// time: a test sets up a delay, advances past it and then awaits the effect, with no real time
/// passing and nothing to race.
///
/// Guarantees: a sleep whose deadline has already passed when it starts returns at once, so a
/// sleeper that registers just after an `advance` cannot miss it. A sleeper's task being cancelled
/// resumes it with `CancellationError` and removes it from `sleeperCount`.
///
/// Caveats: resuming a sleeper makes its task runnable; it does not run it. A test that needs the
/// woken code's effect awaits that effect (an event, a value from a queue), never a fixed delay.
public final class ManualClock: KubeClock {
    private enum Entry {
        /// Registered, but the continuation is not stored yet.
        case starting(deadline: ClockInstant)
        case sleeping(deadline: ClockInstant, CheckedContinuation<Void, any Error>)
        /// Cancelled before its continuation was stored.
        case cancelled
    }

    private struct State {
        var now: ClockInstant
        var nextID: UInt64 = 0
        var entries: [UInt64: Entry] = [:]
        /// Tasks in `waitForSleepers(count:)`, with the count each waits for.
        var sleeperWatchers: [(count: Int, continuation: CheckedContinuation<Void, Never>)] = []

        var registeredCount: Int {
            entries.values.count { if case .cancelled = $0 { false } else { true } }
        }

        /// Removes and returns the watchers whose count has been reached.
        mutating func satisfiedWatchers() -> [CheckedContinuation<Void, Never>] {
            let count = registeredCount
            let satisfied = sleeperWatchers.filter { $0.count <= count }.map(\.continuation)
            sleeperWatchers.removeAll { $0.count <= count }
            return satisfied
        }
    }

    private let state: Mutex<State>
    /// The calendar time at the instant `.zero`.
    public let wallTimeAtZero: Duration

    /// - Parameter wallTimeAtZero: the calendar time (since the Unix epoch) at `.zero`;
    ///   2026-01-01T00:00:00Z by default, so that virtual timestamps are stable across runs.
    public init(now: ClockInstant = .zero, wallTimeAtZero: Duration = .seconds(1_767_225_600)) {
        state = Mutex(State(now: now))
        self.wallTimeAtZero = wallTimeAtZero
    }

    public var now: ClockInstant { state.withLock { $0.now } }

    public var wallTime: Duration { wallTimeAtZero + now.offset }

    /// How many tasks are suspended in `sleep(until:)`.
    public var sleeperCount: Int { state.withLock { $0.registeredCount } }

    /// Returns once at least `count` tasks are suspended in `sleep(until:)`: a test's way to know
    /// that a timer is armed before it advances the clock past it.
    ///
    /// Caveats: it waits for as long as it takes, cancellation included; give the test a time
    /// limit trait instead.
    public func waitForSleepers(count: Int) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let ready: Bool = state.withLock { state in
                guard state.registeredCount < count else { return true }
                state.sleeperWatchers.append((count, continuation))
                return false
            }
            if ready { continuation.resume() }
        }
    }

    /// The deadlines of the suspended sleepers, earliest first.
    public var pendingDeadlines: [ClockInstant] {
        state.withLock { state in
            state.entries.values.compactMap { entry -> ClockInstant? in
                switch entry {
                case .starting(let deadline), .sleeping(let deadline, _): return deadline
                case .cancelled: return nil
                }
            }.sorted()
        }
    }

    public func sleep(until deadline: ClockInstant) async throws {
        try Task.checkCancellation()
        let registration: (id: UInt64, watchers: [CheckedContinuation<Void, Never>])? = state.withLock { state in
            guard deadline > state.now else { return nil }
            let id = state.nextID
            state.nextID += 1
            state.entries[id] = .starting(deadline: deadline)
            return (id, state.satisfiedWatchers())
        }
        guard let registration else { return }
        let id = registration.id
        for watcher in registration.watchers { watcher.resume() }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let outcome: Result<Void, any Error>? = state.withLock { state in
                    switch state.entries[id] {
                    case .cancelled:
                        state.entries[id] = nil
                        return .failure(CancellationError())
                    case .starting where deadline <= state.now:
                        state.entries[id] = nil
                        return .success(())
                    default:
                        state.entries[id] = .sleeping(deadline: deadline, continuation)
                        return nil
                    }
                }
                if let outcome { continuation.resume(with: outcome) }
            }
        } onCancel: {
            let continuation: CheckedContinuation<Void, any Error>? = state.withLock { state in
                switch state.entries[id] {
                case .starting:
                    state.entries[id] = .cancelled
                    return nil
                case .sleeping(_, let continuation):
                    state.entries[id] = nil
                    return continuation
                case .cancelled, nil:
                    return nil
                }
            }
            continuation?.resume(throwing: CancellationError())
        }
    }

    /// Moves time forward by `duration` and resumes the sleepers that are now due.
    public func advance(by duration: Duration) {
        precondition(duration >= .zero, "a clock never goes backwards")
        advance(to: now + duration)
    }

    /// Moves time forward to `instant` (no-op when it is not later than now) and resumes the
    /// sleepers that are now due, earliest deadline first.
    public func advance(to instant: ClockInstant) {
        let due: [CheckedContinuation<Void, any Error>] = state.withLock { state in
            guard instant > state.now else { return [] }
            state.now = instant
            var due: [(deadline: ClockInstant, id: UInt64, continuation: CheckedContinuation<Void, any Error>)] = []
            for (id, entry) in state.entries {
                if case .sleeping(let deadline, let continuation) = entry, deadline <= instant {
                    due.append((deadline, id, continuation))
                }
            }
            due.sort { ($0.deadline, $0.id) < ($1.deadline, $1.id) }
            for sleeper in due { state.entries[sleeper.id] = nil }
            return due.map(\.continuation)
        }
        for continuation in due { continuation.resume() }
    }
}
