import Federation

/// The controllers of the simulated federation: the very `ControllerTerm` that `flotilla run`
/// runs while it leads, which can be replaced by a fresh one mid-run, as a restarted process's
/// would be: new caches, new queues, nothing carried over but what is stored in the API servers.
actor FederationControllers {
    private let make: @Sendable () -> ControllerTerm
    /// The controllers running now (or about to).
    private(set) var current: ControllerTerm
    private var restartRequested: CheckedContinuation<Void, Never>?
    private var stopping = false
    private var replaced: [CheckedContinuation<Void, Never>] = []

    /// - Parameter make: a fresh term, with its own caches and queues.
    init(_ make: @escaping @Sendable () -> ControllerTerm) {
        self.make = make
        current = make()
    }

    /// Runs the current controllers until the task is cancelled, replacing them whenever
    /// `restart()` asks.
    nonisolated func run() async {
        while !Task.isCancelled {
            let current = await current
            let term = Task { await current.run() }
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
