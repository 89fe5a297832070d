import Testing

@testable import KubeClient

@Suite("Reconnect backoff")
struct ReconnectBackoffTests {
    @Test("Waits double from 800 ms up to 30 s, each jittered within the upper half of its ceiling")
    func waitsGrowWithinTheirJitterBand() {
        var backoff = ReconnectBackoff(random: SeededRandomSource(seed: 7))
        var ceilings: [Duration] = []
        for _ in 0..<10 {
            let ceiling = backoff.nextCeiling
            ceilings.append(ceiling)
            let wait = backoff.next()
            #expect(wait >= ceiling / 2 && wait <= ceiling, "\(wait) outside [\(ceiling / 2), \(ceiling)]")
        }
        #expect(ceilings.prefix(6) == [.milliseconds(800), .milliseconds(1600), .milliseconds(3200),
                                       .milliseconds(6400), .milliseconds(12800), .milliseconds(25600)])
        #expect(ceilings.dropFirst(6).allSatisfy { $0 == .seconds(30) })
    }

    @Test("Reset starts the sequence again from the initial wait")
    func resetRestarts() {
        var backoff = ReconnectBackoff(random: SeededRandomSource(seed: 1))
        for _ in 0..<4 { _ = backoff.next() }
        backoff.reset()
        #expect(backoff.failures == 0)
        #expect(backoff.nextCeiling == .milliseconds(800))
    }

    @Test("The same seed gives the same waits, and different seeds spread them")
    func seedsReplay() {
        func waits(seed: UInt64) -> [Duration] {
            var backoff = ReconnectBackoff(random: SeededRandomSource(seed: seed))
            return (0..<5).map { _ in backoff.next() }
        }
        #expect(waits(seed: 42) == waits(seed: 42))
        #expect(waits(seed: 42) != waits(seed: 43))
    }
}
