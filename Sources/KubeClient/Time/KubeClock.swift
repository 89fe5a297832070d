#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The only way the client layer learns the time or waits for it.
///
/// Production code uses `SystemClock`; tests inject a `ManualClock` and move time forward by hand,
/// so that a work queue's delayed adds or a watch's reconnect backoff fire when the test says and
/// never because a machine was slow.
///
/// Guarantees: `now` never goes backwards. `sleep(until:)` returns at or after `deadline` (at once
/// when the deadline has passed) and throws `CancellationError` when its task is cancelled first.
public protocol KubeClock: Sendable {
    var now: ClockInstant { get }
    /// The calendar time (since the Unix epoch), for timestamps written into objects: a lease's
    /// renewTime, a condition's lastTransitionTime. Never used for waiting. On a `ManualClock`
    /// it moves with `now`, so that objects written on virtual time carry virtual timestamps.
    var wallTime: Duration { get }
    func sleep(until deadline: ClockInstant) async throws
}

extension KubeClock {
    /// Sleeps for `duration` from now.
    public func sleep(for duration: Duration) async throws {
        try await sleep(until: now + duration)
    }
}

/// The process's monotonic clock (`ContinuousClock`, which keeps counting while the machine sleeps,
/// as timeouts against a remote API server should).
public struct SystemClock: KubeClock {
    /// Every `SystemClock` shares this origin, so instants from two values of the type compare.
    private static let origin = ContinuousClock.now

    public init() {}

    public var now: ClockInstant { ClockInstant(offset: Self.origin.duration(to: .now)) }

    public var wallTime: Duration {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return .seconds(spec.tv_sec) + .nanoseconds(spec.tv_nsec)
    }

    public func sleep(until deadline: ClockInstant) async throws {
        try await ContinuousClock().sleep(until: Self.origin.advanced(by: deadline.offset), tolerance: nil)
    }
}
