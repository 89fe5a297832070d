import Testing

@testable import KubeClient

@Suite("Manual clock")
struct ManualClockTests {
    @Test("A sleeper wakes when the clock reaches its deadline, and not before")
    func sleeperWakesAtItsDeadline() async throws {
        let clock = ManualClock()
        let sleeper = Task {
            try await clock.sleep(until: .zero + .seconds(5))
            return clock.now
        }
        await clock.waitForSleepers(count: 1)
        clock.advance(by: .seconds(4))
        #expect(clock.sleeperCount == 1)
        clock.advance(by: .seconds(1))
        #expect(clock.sleeperCount == 0)
        #expect(try await sleeper.value == .zero + .seconds(5))
    }

    @Test("A sleep whose deadline has passed returns at once")
    func pastDeadlineReturnsAtOnce() async throws {
        let clock = ManualClock(now: .zero + .seconds(10))
        try await clock.sleep(until: .zero + .seconds(3))
        try await clock.sleep(for: .zero)
        #expect(clock.sleeperCount == 0)
    }

    @Test("Advancing wakes only the sleepers that are due, and reports the rest")
    func advanceWakesOnlyDueSleepers() async throws {
        let clock = ManualClock()
        let early = Task { try await clock.sleep(for: .seconds(1)) }
        let late = Task { try await clock.sleep(for: .seconds(60)) }
        await clock.waitForSleepers(count: 2)
        #expect(clock.pendingDeadlines == [.zero + .seconds(1), .zero + .seconds(60)])
        clock.advance(by: .seconds(30))
        try await early.value
        #expect(clock.pendingDeadlines == [.zero + .seconds(60)])
        clock.advance(to: .zero + .seconds(60))
        try await late.value
    }

    @Test("Cancelling a sleeper ends its sleep with CancellationError")
    func cancellingEndsSleep() async {
        let clock = ManualClock()
        let sleeper = Task { try await clock.sleep(for: .seconds(1)) }
        await clock.waitForSleepers(count: 1)
        sleeper.cancel()
        await #expect(throws: CancellationError.self) { try await sleeper.value }
        #expect(clock.sleeperCount == 0)
    }

    @Test("The clock never goes backwards")
    func neverBackwards() {
        let clock = ManualClock(now: .zero + .seconds(5))
        clock.advance(to: .zero + .seconds(2))
        #expect(clock.now == .zero + .seconds(5))
    }

    @Test("The system clock's instants increase and its sleeps of zero return")
    func systemClockIsMonotonic() async throws {
        let clock = SystemClock()
        let first = clock.now
        try await clock.sleep(until: first)
        #expect(clock.now >= first)
    }
}
