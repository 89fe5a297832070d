/// Tasks parked inside an actor until something changes, for actors that hand out work or state
/// (`WorkQueue.next()`, `Store.waitUntilSynced()`).
///
/// Usage from an actor method, which must not suspend between `reserve()` and `park(_:_:)`:
///
///     let id = waiters.reserve()
///     await withTaskCancellationHandler {
///         await withCheckedContinuation { waiters.park(id, $0) }
///     } onCancel: {
///         Task { await self.resumeWaiter(id) }   // calls waiters.resume(id)
///     }
///
/// Guarantees: every parked continuation is resumed exactly once, by `resumeAll()` or by
/// `resume(_:)`. A cancellation that arrives before the continuation is parked hops to the actor
/// after the park (the actor is busy until the method suspends), so it is never lost. A woken
/// task re-checks its condition: being woken means "look again", not "your turn".
struct WaiterList: Sendable {
    private var nextID: UInt64 = 0
    private var parked: [UInt64: CheckedContinuation<Void, Never>] = [:]

    var isEmpty: Bool { parked.isEmpty }

    mutating func reserve() -> UInt64 {
        defer { nextID += 1 }
        return nextID
    }

    mutating func park(_ id: UInt64, _ continuation: CheckedContinuation<Void, Never>) {
        parked[id] = continuation
    }

    /// Resumes one waiter, if it is still parked (used on cancellation).
    mutating func resume(_ id: UInt64) {
        parked.removeValue(forKey: id)?.resume()
    }

    mutating func resumeAll() {
        let woken = parked
        parked.removeAll()
        for continuation in woken.values { continuation.resume() }
    }
}
