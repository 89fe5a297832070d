import NIOCore
import Synchronization

/// A server's open connections and whether each is answering a request, so that stopping can
/// close the idle ones at once, let the busy ones finish their answer, and wait for the last.
final class ConnectionRegistry: Sendable {
    private struct State {
        var stopping = false
        var nextID = 0
        var open: [Int: any Channel] = [:]
        var busy: Set<Int> = []
        var allClosed: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    var isStopping: Bool { state.withLock { $0.stopping } }

    /// Registers a new, idle connection; `nil` when the server is stopping (close it at once).
    func open(_ channel: any Channel) -> Int? {
        state.withLock { state in
            guard !state.stopping else { return nil }
            state.nextID += 1
            state.open[state.nextID] = channel
            return state.nextID
        }
    }

    /// A request is being answered; `false` when the server is stopping (close instead).
    func markBusy(_ id: Int) -> Bool {
        state.withLock { state in
            guard !state.stopping, state.open[id] != nil else { return false }
            state.busy.insert(id)
            return true
        }
    }

    /// The answer is written; `false` when the server is stopping (close the connection).
    func markIdle(_ id: Int) -> Bool {
        state.withLock { state in
            state.busy.remove(id)
            return !state.stopping
        }
    }

    func closed(_ id: Int) {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.open[id] = nil
            state.busy.remove(id)
            guard state.open.isEmpty else { return [] }
            defer { state.allClosed = [] }
            return state.allClosed
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Refuses new connections and requests, and closes the idle connections; busy ones close
    /// after their answer.
    func stop() {
        let idle = state.withLock { state in
            state.stopping = true
            return state.open.filter { !state.busy.contains($0.key) }.map(\.value)
        }
        for channel in idle { channel.close(promise: nil) }
    }

    /// Returns once no connection is open.
    func waitUntilAllClosed() async {
        await withCheckedContinuation { continuation in
            let done = state.withLock { state in
                if state.open.isEmpty { return true }
                state.allClosed.append(continuation)
                return false
            }
            if done { continuation.resume() }
        }
    }

    /// Accepts connections again (a restarted server).
    func reopen() { state.withLock { $0.stopping = false } }
}
