/// A de-duplicating, rate-limited queue of object keys for controller workers.
///
/// Producers (store event handlers, timers, the controller's retry policy) `add` keys; workers
/// take them with `next()` and hand them back with `done(_:)`. A key stands for "this object may
/// need work", so adding it again before a worker takes it changes nothing: the worker will see
/// the latest state anyway.
///
/// Guarantees:
/// - One key is never handed to two workers at once. A key added while a worker holds it is marked
///   dirty and queued again, once, when the worker calls `done(_:)`.
/// - A key is queued at most once, however often it is added (`depth` counts distinct keys).
/// - Of several pending deadlines for one key, the earliest wins: `add(_:after:)` never postpones
///   a key that is already due sooner, and `add(_:)` (due now) cancels a pending delayed add.
/// - Keys are handed out in the order they became due, except that a key held by a worker
///   joins the end of the line when the worker is done with it.
/// - After `shutDown()`, adds are ignored, delayed keys are dropped, and `next()` keeps returning
///   the keys already queued (including those re-queued by `done`) before returning `nil`.
///
/// Caveats: dropping a delayed add when the key is already due assumes what the queue is built
/// for: that processing a key is idempotent and decides its own next requeue.
public actor WorkQueue {
    /// The queue's time source; a `Controller` times its reconciles on it too, so that queue
    /// waits and reconcile durations share one timeline (virtual time in tests).
    let clock: any KubeClock
    private var rateLimiter: ControllerRateLimiter
    /// Keys ready to hand out, in the order they became due. Always a subset of `dirty`, disjoint
    /// from `processing`, without duplicates.
    private var ready = KeyFIFO()
    /// Keys that need processing: queued in `ready`, or held by a worker and due again after it.
    private var dirty: Set<ObjectKey> = []
    /// Keys a worker holds between `next()` and `done(_:)`.
    private var processing: Set<ObjectKey> = []
    private var delayed = DelayedKeys()
    /// When each dirty key became due, for wait-time statistics.
    private var dueSince: [ObjectKey: ClockInstant] = [:]
    private var waiters = WaiterList()
    /// The task sleeping until the earliest delayed key, so that a waiting `next()` wakes then.
    private var timer: (deadline: ClockInstant, task: Task<Void, Never>)?
    private var isShuttingDown = false
    private var counters = WorkQueueStats.Counters()

    public init(clock: any KubeClock = SystemClock(), rateLimiter: ControllerRateLimiter = ControllerRateLimiter()) {
        self.clock = clock
        self.rateLimiter = rateLimiter
    }

    // MARK: Adding

    /// Queues `key` now, unless it is already queued. Cancels a pending delayed add of `key`.
    public func add(_ key: ObjectKey) {
        guard !isShuttingDown else { return }
        promoteDueKeys()
        if delayed.remove(key) { rearmTimer() }
        markDue(key, since: clock.now)
    }

    /// Queues `key` once `delay` has passed, unless it is already due sooner (queued, re-queued
    /// after its current worker, or delayed to an earlier deadline). A delay of zero or less adds now.
    public func add(_ key: ObjectKey, after delay: Duration) {
        guard !isShuttingDown else { return }
        guard delay > .zero else { return add(key) }
        guard !dirty.contains(key) else { return }
        if delayed.schedule(key, at: clock.now + delay) { rearmTimer() }
    }

    /// Queues `key` after its rate-limited backoff (see `ControllerRateLimiter`) and returns
    /// that delay. Each call counts as one more failure of `key` until `forget(_:)`.
    @discardableResult
    public func addRateLimited(_ key: ObjectKey) -> Duration {
        guard !isShuttingDown else { return .zero }
        let delay = rateLimiter.delay(for: key, at: clock.now)
        counters.retries += 1
        add(key, after: delay)
        return delay
    }

    /// Resets `key`'s backoff, after a success or a deliberate requeue.
    public func forget(_ key: ObjectKey) { rateLimiter.forget(key) }

    /// Consecutive rate-limited adds of `key` since it was last forgotten.
    public func failures(of key: ObjectKey) -> Int { rateLimiter.failures(of: key) }

    // MARK: Processing

    /// The next key to process, waiting until one is due. `nil` once the queue is shut down and
    /// drained, or when the calling task is cancelled. The caller must call `done(_:)` with the key.
    public func next() async -> ObjectKey? { await take()?.key }

    /// Like `next()`, but also returns how long the key waited between becoming due (added, or
    /// its delay expired; including time held back behind a worker that held it) and now.
    func take() async -> (key: ObjectKey, waited: Duration)? {
        while !Task.isCancelled {
            promoteDueKeys()
            if let key = ready.popFirst() {
                dirty.remove(key)
                processing.insert(key)
                let now = clock.now
                let waited = now - (dueSince.removeValue(forKey: key) ?? now)
                counters.handedOut += 1
                counters.totalWait += waited
                return (key, waited)
            }
            if isShuttingDown { return nil }
            await parkUntilChanged()
        }
        return nil
    }

    /// Ends processing of `key`. If it was added meanwhile, it is queued again now.
    public func done(_ key: ObjectKey) {
        guard processing.remove(key) != nil else { return }
        guard dirty.contains(key) else { return }
        promoteDueKeys()
        enqueueReady(key)
    }

    /// Stops accepting keys and wakes every waiting worker; queued keys are still handed out.
    public func shutDown() {
        guard !isShuttingDown else { return }
        isShuttingDown = true
        delayed.removeAll()
        timer?.task.cancel()
        timer = nil
        waiters.resumeAll()
    }

    public var isShutDown: Bool { isShuttingDown }

    // MARK: Statistics

    /// Keys ready to hand out now (distinct keys; delayed keys count once they are due).
    public var depth: Int {
        promoteDueKeys()
        return ready.count
    }

    /// How long the key that has been due longest has waited: the queue's lag. Counts keys held
    /// back because a worker holds them; zero when no key is due.
    public var longestWait: Duration {
        promoteDueKeys()
        guard let oldest = dueSince.values.min() else { return .zero }
        return clock.now - oldest
    }

    /// How long `key` has been due without being handed out; `nil` when it is not due.
    public func waitTime(of key: ObjectKey) -> Duration? {
        promoteDueKeys()
        return dueSince[key].map { clock.now - $0 }
    }

    /// The queue's state and lifetime counters, for metrics.
    public func stats() -> WorkQueueStats {
        promoteDueKeys()
        return WorkQueueStats(
            depth: ready.count, delayed: delayed.count, processing: processing.count,
            longestWait: longestWait, counters: counters)
    }

    // MARK: Internals

    private func markDue(_ key: ObjectKey, since: ClockInstant) {
        guard dirty.insert(key).inserted else { return }
        dueSince[key] = since
        counters.adds += 1
        if !processing.contains(key) { enqueueReady(key) }
    }

    private func enqueueReady(_ key: ObjectKey) {
        ready.append(key)
        waiters.resumeAll()
    }

    /// Moves delayed keys whose deadline has passed into the ready queue, earliest first. Runs on
    /// every read, so a reader sees due keys even before the timer task has woken.
    private func promoteDueKeys() {
        let due = delayed.popDue(at: clock.now)
        guard !due.isEmpty else { return }
        for entry in due { markDue(entry.key, since: entry.deadline) }
        rearmTimer()
    }

    /// Keeps one timer task sleeping until the earliest delayed deadline.
    private func rearmTimer() {
        let earliest = isShuttingDown ? nil : delayed.earliest()
        guard timer?.deadline != earliest else { return }
        timer?.task.cancel()
        timer = nil
        guard let earliest else { return }
        let clock = self.clock
        let task = Task { [weak self] in
            do { try await clock.sleep(until: earliest) } catch { return }
            await self?.timerFired(deadline: earliest)
        }
        timer = (earliest, task)
    }

    private func timerFired(deadline: ClockInstant) {
        if timer?.deadline == deadline { timer = nil }
        promoteDueKeys()
        rearmTimer()
    }

    private func parkUntilChanged() async {
        let id = waiters.reserve()
        await withTaskCancellationHandler {
            await withCheckedContinuation { waiters.park(id, $0) }
        } onCancel: {
            Task { await self.resumeWaiter(id) }
        }
    }

    private func resumeWaiter(_ id: UInt64) { waiters.resume(id) }
}
