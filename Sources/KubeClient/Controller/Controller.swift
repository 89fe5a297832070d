/// Runs a reconciler over a work queue with a fixed number of workers.
///
/// Each worker takes a key, reconciles it and applies the whole retry policy in one place:
/// - `.done`: reset the key's backoff;
/// - `.requeue(after: d)`: reset the backoff and add the key again after `d`;
/// - a thrown terminal `ReconcileError`: reset the backoff and drop the key;
/// - any other thrown error: add the key again after its rate-limited backoff.
///
/// Guarantees: the queue never hands one key to two workers, so a reconciler never runs twice at
/// once for one object, whatever the number of workers. `run` returns only once every worker has
/// finished its current reconcile.
///
/// Caveats: a reconciler that never returns holds its key (and a worker) forever; reconcilers
/// bound their own I/O with timeouts. Start workers after the stores they read have synced.
public struct Controller<R: Reconciler>: Sendable {
    public let queue: WorkQueue
    public let reconciler: R
    private let report: @Sendable (ReconcileReport) async -> Void

    /// - Parameter report: called after each reconcile, once the queue reflects its outcome.
    public init(
        queue: WorkQueue,
        reconciler: R,
        report: @escaping @Sendable (ReconcileReport) async -> Void = { _ in }
    ) {
        self.queue = queue
        self.reconciler = reconciler
        self.report = report
    }

    /// Runs `workers` workers until the queue is shut down and drained, or the task is cancelled
    /// (which stops workers at their next key and cancels the running reconciles). The queue is
    /// shut down when `run` returns.
    public func run(workers: Int) async {
        precondition(workers >= 1, "a controller needs at least one worker")
        await withDiscardingTaskGroup { group in
            for _ in 0..<workers {
                group.addTask { await self.work() }
            }
        }
        await queue.shutDown()
    }

    private func work() async {
        while let (key, waited) = await queue.take() {
            let (outcome, duration) = await reconcile(key)
            await queue.done(key)
            await report(ReconcileReport(key: key, outcome: outcome, queueWait: waited, duration: duration))
        }
    }

    /// Reconciles `key`, timing the reconciler on the queue's clock, and updates the queue
    /// according to the outcome.
    private func reconcile(_ key: ObjectKey) async -> (ReconcileReport.Outcome, Duration) {
        let clock = queue.clock
        let started = clock.now
        let result: Result<ReconcileAction, any Error>
        do {
            result = .success(try await reconciler.reconcile(key))
        } catch {
            result = .failure(error)
        }
        let duration = clock.now - started
        return (await apply(result, to: key), duration)
    }

    /// Updates the queue according to a reconcile's result.
    private func apply(_ result: Result<ReconcileAction, any Error>, to key: ObjectKey) async -> ReconcileReport.Outcome {
        switch result {
        case .success(let action):
            await queue.forget(key)
            switch action {
            case .done:
                return .done
            case .requeue(let delay):
                await queue.add(key, after: delay)
                return .requeued(after: delay)
            }
        case .failure(let error as any ReconcileError) where error.isTerminal:
            await queue.forget(key)
            return .failedTerminally(error)
        case .failure(let error):
            return .retrying(after: await queue.addRateLimited(key), error: error)
        }
    }
}
