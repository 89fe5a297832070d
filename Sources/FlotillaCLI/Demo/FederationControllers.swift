import Federation

/// The cluster and workload controllers of the simulated federation, which can be replaced by
/// fresh ones mid-run, as a restarted `flotilla run` would be: new caches, new queues, nothing
/// carried over but what is stored in the API servers.
actor FederationControllers {
    typealias Controllers = (clusters: ClusterController, workloads: WorkloadController)

    private let make: @Sendable () -> Controllers
    /// The controllers running now (or about to).
    private(set) var current: Controllers
    private var restartRequested: CheckedContinuation<Void, Never>?
    private var stopping = false
    private var replaced: [CheckedContinuation<Void, Never>] = []

    init(_ make: @escaping @Sendable () -> Controllers) {
        self.make = make
        current = make()
    }

    /// Runs the current controllers until the task is cancelled, replacing them whenever
    /// `restart()` asks.
    nonisolated func run(workers: Int) async {
        while !Task.isCancelled {
            let (clusters, workloads) = await current
            let term = Task {
                await withDiscardingTaskGroup { group in
                    group.addTask { await clusters.run() }
                    group.addTask { await workloads.run(workers: workers) }
                }
            }
            await withTaskCancellationHandler {
                await waitForRestart()
            } onCancel: {
                Task { await self.stop() }
            }
            term.cancel()
            await term.value
            if Task.isCancelled { break }
            await replace()
        }
    }

    /// Stops the running controllers and starts fresh ones; returns once the new ones are in
    /// place (they still have their caches to fill). Does nothing unless `run` is running them.
    func restart() async {
        guard let waiting = restartRequested else { return }
        restartRequested = nil
        await withCheckedContinuation { continuation in
            replaced.append(continuation)
            waiting.resume()
        }
    }

    private func waitForRestart() async {
        if stopping { return }
        await withCheckedContinuation { continuation in
            restartRequested = continuation
        }
    }

    private func stop() {
        stopping = true
        restartRequested?.resume()
        restartRequested = nil
    }

    private func replace() {
        current = make()
        for continuation in replaced { continuation.resume() }
        replaced = []
    }
}
