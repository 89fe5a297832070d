import Synchronization
import Testing

@testable import KubeClient

/// A reconciler scripted per call, that records what overlaps.
private final class ScriptedReconciler: Reconciler {
    struct Record {
        var inFlight: Set<ObjectKey> = []
        var overlaps: [ObjectKey] = []
        var calls: [ObjectKey: Int] = [:]
    }

    let record = Mutex(Record())
    /// Decides each call's outcome from the key and the call's number (1-based) for that key.
    let script: @Sendable (ObjectKey, Int) async throws -> ReconcileAction

    init(script: @escaping @Sendable (ObjectKey, Int) async throws -> ReconcileAction) {
        self.script = script
    }

    func reconcile(_ key: ObjectKey) async throws -> ReconcileAction {
        let call = record.withLock { record in
            if !record.inFlight.insert(key).inserted { record.overlaps.append(key) }
            record.calls[key, default: 0] += 1
            return record.calls[key]!
        }
        defer { _ = record.withLock { $0.inFlight.remove(key) } }
        return try await script(key, call)
    }
}

private struct Failure: ReconcileError {
    var isTerminal: Bool
}

@Suite("Controller")
struct ControllerTests {
    let clock = ManualClock()
    let key = ObjectKey(namespace: "default", name: "web")

    /// Runs `reconciler` with `workers` workers; returns the controller's task and its reports.
    fileprivate func start(
        _ reconciler: ScriptedReconciler, workers: Int = 1, queue: WorkQueue
    ) -> (run: Task<Void, Never>, reports: EventLog<ReconcileReport>) {
        let log = EventLog<ReconcileReport>()
        let controller = Controller(queue: queue, reconciler: reconciler) { log.record($0) }
        let run = Task { await controller.run(workers: workers) }
        return (run, log)
    }

    @Test("No key is reconciled by two workers at once, however many workers run")
    func neverConcurrentPerKey() async {
        let queue = WorkQueue(clock: clock)
        let keys = (0..<5).map { ObjectKey(namespace: "default", name: "w\($0)") }
        let reconciler = ScriptedReconciler { key, call in
            // Re-add the key while holding it, and yield so that other workers get a chance to
            // take it if the queue let them.
            if call < 20 { await queue.add(key) }
            for _ in 0..<3 { await Task.yield() }
            return .done
        }
        let (run, log) = start(reconciler, workers: 8, queue: queue)
        var reports = log.reader()
        for key in keys { await queue.add(key) }
        for _ in 0..<(keys.count * 20) { _ = await reports.next() }
        await queue.shutDown()
        await run.value
        let record = reconciler.record.withLock { $0 }
        #expect(record.overlaps.isEmpty)
        #expect(keys.allSatisfy { record.calls[$0] == 20 }, "each re-add while held runs the key exactly once more")
    }

    @Test("A failing key is retried after a doubling backoff, and a success resets it")
    func failuresBackOffAndSuccessResets() async throws {
        let queue = WorkQueue(clock: clock)
        let reconciler = ScriptedReconciler { _, call in
            if call <= 3 { throw Failure(isTerminal: false) }
            return .done
        }
        let (run, log) = start(reconciler, queue: queue)
        var reports = log.reader()
        await queue.add(key)
        var delays: [Duration] = []
        for _ in 0..<3 {
            let report = try #require(await reports.next())
            guard case .retrying(let delay, let error) = report.outcome else {
                Issue.record("expected a retry, got \(report.outcome)")
                return
            }
            #expect(error is Failure)
            delays.append(delay)
            clock.advance(by: delay)
        }
        let last = try #require(await reports.next())
        guard case .done = last.outcome else {
            Issue.record("expected done, got \(last.outcome)")
            return
        }
        #expect(delays == [.milliseconds(5), .milliseconds(10), .milliseconds(20)])
        #expect(await queue.failures(of: key) == 0)
        await queue.shutDown()
        await run.value
    }

    @Test("A terminal error is reported and the key is not retried")
    func terminalErrorIsNotRetried() async throws {
        let queue = WorkQueue(clock: clock)
        let reconciler = ScriptedReconciler { _, _ in throw Failure(isTerminal: true) }
        let (run, log) = start(reconciler, queue: queue)
        var reports = log.reader()
        await queue.add(key)
        let report = try #require(await reports.next())
        guard case .failedTerminally(let error) = report.outcome else {
            Issue.record("expected a terminal failure, got \(report.outcome)")
            return
        }
        #expect((error as? Failure)?.isTerminal == true)
        let stats = await queue.stats()
        #expect(stats.delayed == 0 && stats.depth == 0 && stats.retries == 0)
        await queue.shutDown()
        await run.value
        #expect(reconciler.record.withLock { $0.calls[key] } == 1)
    }

    @Test("A requeue after a delay runs the key again once that much virtual time has passed")
    func requeueAfterRunsAgainOnVirtualTime() async throws {
        let queue = WorkQueue(clock: clock)
        let reconciler = ScriptedReconciler { _, call in call == 1 ? .requeue(after: .seconds(30)) : .done }
        let (run, log) = start(reconciler, queue: queue)
        var reports = log.reader()
        await queue.add(key)
        let first = try #require(await reports.next())
        guard case .requeued(after: .seconds(30)) = first.outcome else {
            Issue.record("expected a requeue, got \(first.outcome)")
            return
        }
        clock.advance(by: .seconds(29))
        #expect(await queue.depth == 0)
        #expect(await queue.stats().delayed == 1)
        clock.advance(by: .seconds(1))
        let second = try #require(await reports.next())
        guard case .done = second.outcome else {
            Issue.record("expected done, got \(second.outcome)")
            return
        }
        #expect(clock.now == .zero + .seconds(30))
        await queue.shutDown()
        await run.value
    }

    @Test("Shutting down lets workers finish the key in hand and drain the queue before run returns")
    func shutdownDrainsBeforeRunReturns() async {
        let queue = WorkQueue(clock: clock)
        var held = await holdFirstQueueSecond(queue)
        await queue.shutDown()
        held.opener.yield()
        await held.run.value
        var finished: [ObjectKey] = []
        for _ in 0..<2 { if let report = await held.reports.next() { finished.append(report.key) } }
        #expect(finished == [held.first, held.second])
    }

    /// One worker busy with "first" (its reconcile waits for `opener`), "second" queued behind
    /// it; any other reconcile moves the clock by `othersTake`.
    struct HeldWorker {
        var run: Task<Void, Never>
        var reports: AsyncStream<ReconcileReport>.Iterator
        var opener: AsyncStream<Void>.Continuation
        let first = ObjectKey(namespace: "default", name: "first")
        let second = ObjectKey(namespace: "default", name: "second")
    }

    func holdFirstQueueSecond(_ queue: WorkQueue, othersTake: Duration = .zero) async -> HeldWorker {
        let (gate, opener) = AsyncStream.makeStream(of: Void.self)
        let started = EventLog<ObjectKey>()
        let reconciler = ScriptedReconciler { [clock] key, _ in
            started.record(key)
            if key.name == "first" {
                for await _ in gate { break }
            } else if othersTake > .zero {
                clock.advance(by: othersTake)
            }
            return .done
        }
        let (run, log) = start(reconciler, queue: queue)
        let held = HeldWorker(run: run, reports: log.reader(), opener: opener)
        var starts = started.reader()
        await queue.add(held.first)
        #expect(await starts.next() == held.first)
        await queue.add(held.second)
        return held
    }

    @Test("A report's queue wait counts the time a key waited behind a busy worker, and its duration the reconcile's own time")
    func reportTimesQueueWaitAndReconcile() async throws {
        let queue = WorkQueue(clock: clock)
        var held = await holdFirstQueueSecond(queue, othersTake: .milliseconds(250))
        clock.advance(by: .seconds(3))
        held.opener.yield()
        let firstReport = try #require(await held.reports.next())
        let secondReport = try #require(await held.reports.next())
        #expect(firstReport.key == held.first && secondReport.key == held.second)
        #expect(firstReport.queueWait == .zero)
        #expect(firstReport.duration == .seconds(3))
        #expect(secondReport.queueWait == .seconds(3), "the second key waited while the only worker was busy")
        #expect(secondReport.duration == .milliseconds(250))
        await queue.shutDown()
        await held.run.value
    }

    @Test("A delayed key's queue wait counts from when its delay expired, not from the add")
    func delayedKeyWaitsFromItsDeadline() async throws {
        let queue = WorkQueue(clock: clock)
        let reconciler = ScriptedReconciler { _, _ in .done }
        let (run, log) = start(reconciler, queue: queue)
        var reports = log.reader()
        await queue.add(key, after: .seconds(10))
        clock.advance(by: .seconds(15))
        let report = try #require(await reports.next())
        #expect(report.queueWait == .seconds(5))
        #expect(report.duration == .zero)
        await queue.shutDown()
        await run.value
    }

    @Test("Cancelling run stops the workers and shuts the queue down")
    func cancellingRunShutsDown() async {
        let queue = WorkQueue(clock: clock)
        let reconciler = ScriptedReconciler { _, _ in .done }
        let (run, log) = start(reconciler, workers: 3, queue: queue)
        var reports = log.reader()
        await queue.add(key)
        _ = await reports.next()
        run.cancel()
        await run.value
        #expect(await queue.isShutDown)
    }
}
