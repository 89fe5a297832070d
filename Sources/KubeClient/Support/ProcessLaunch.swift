import Foundation
import Synchronization

/// Starts child processes one at a time.
///
/// swift-corelibs-foundation's `Process.run()` is not safe to call from several threads at once:
/// two launches at the same moment crashed the test process inside it (a bad read in `memcpy`
/// while setting up the spawn). The launch itself takes microseconds, so taking turns costs
/// nothing; waiting for the child is not serialized. Every launch in Flotilla (exec credential
/// plugins, the benchmark's server process) and in its tests goes through here.
public enum ProcessLaunch {
    private static let turn = Mutex(())

    public static func run(_ process: Process) throws {
        try turn.withLock { _ in try process.run() }
    }
}
