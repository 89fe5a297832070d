import Dispatch
import Foundation
import Synchronization

/// SIGTERM (what Kubernetes sends a pod it stops) and SIGINT (Ctrl-C) as something to await, so
/// that `flotilla run` can stop its controllers, release its lease and stop its endpoints
/// in order instead of dying mid-write.
///
/// Installing turns the default action of the signals off (they are handled on a dispatch
/// queue instead), so a signal that arrives before anyone waits is remembered, not lost. A second
/// signal while the graceful stop is under way exits at once with status 128 + signal number, the
/// shell's convention, for a stop that hangs.
///
/// Caveats: one instance per process; the signals stay ignored for the life of the process.
public final class ShutdownSignal: Sendable {
    private struct State {
        var received: String?
        var waiters: [UInt64: CheckedContinuation<String?, Never>] = [:]
        var nextID: UInt64 = 0
    }

    /// `@unchecked Sendable`: the sources are created in `init` and only cancelled in `deinit`;
    /// dispatch sources are themselves safe to use from any thread.
    private struct Sources: @unchecked Sendable {
        var all: [any DispatchSourceSignal] = []
    }

    private let state = Mutex(State())
    private let exitOnSecondSignal: Bool
    private let sources: Sources

    /// Starts handling `signals` (SIGTERM and SIGINT by default).
    public init(signals: [Int32] = [SIGTERM, SIGINT], exitOnSecondSignal: Bool = true) {
        self.exitOnSecondSignal = exitOnSecondSignal
        let queue = DispatchQueue(label: "flotilla.shutdown-signal")
        var sources = Sources()
        for number in signals {
            signal(number, SIG_IGN)
            sources.all.append(DispatchSource.makeSignalSource(signal: number, queue: queue))
        }
        self.sources = sources
        for (number, source) in zip(signals, sources.all) {
            source.setEventHandler { [weak self] in self?.receive(number) }
            source.resume()
        }
    }

    deinit {
        for source in sources.all { source.cancel() }
    }

    /// The first signal received (`SIGTERM`), if any yet.
    public var received: String? { state.withLock { $0.received } }

    /// Returns the name of the first signal once one has arrived (at once if one has), or `nil`
    /// when the waiting task is cancelled first.
    public func wait() async -> String? {
        let id = state.withLock { state -> UInt64 in
            state.nextID += 1
            return state.nextID
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<String?, Never>) in
                let answer: String?? = state.withLock { state in
                    if let received = state.received { return .some(received) }
                    if Task.isCancelled { return .some(nil) }
                    state.waiters[id] = continuation
                    return nil
                }
                if let answer { continuation.resume(returning: answer) }
            }
        } onCancel: {
            let waiter = state.withLock { $0.waiters.removeValue(forKey: id) }
            waiter?.resume(returning: nil)
        }
    }

    private func receive(_ number: Int32) {
        let name = Self.name(of: number)
        let (first, waiters) = state.withLock { state in
            let first = state.received == nil
            if first { state.received = name }
            defer { state.waiters.removeAll() }
            return (first, Array(state.waiters.values))
        }
        guard first else {
            if exitOnSecondSignal { exit(128 + number) }
            return
        }
        for waiter in waiters { waiter.resume(returning: name) }
    }

    static func name(of number: Int32) -> String {
        switch number {
        case SIGTERM: return "SIGTERM"
        case SIGINT: return "SIGINT"
        case SIGHUP: return "SIGHUP"
        case SIGQUIT: return "SIGQUIT"
        case SIGUSR1: return "SIGUSR1"
        case SIGUSR2: return "SIGUSR2"
        default: return "signal \(number)"
        }
    }
}
