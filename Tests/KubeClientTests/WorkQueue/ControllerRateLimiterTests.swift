import Testing

@testable import KubeClient

@Suite("Controller rate limiter")
struct ControllerRateLimiterTests {
    let a = ObjectKey(namespace: "default", name: "a")
    let b = ObjectKey(namespace: "default", name: "b")

    @Test("A key's delay doubles from 5 ms with each failure and stops at 1000 s")
    func perKeyBackoffDoublesAndCaps() {
        var limiter = ControllerRateLimiter()
        var now = ClockInstant.zero
        var delays: [Duration] = []
        for _ in 0..<22 {
            delays.append(limiter.delay(for: a, at: now))
            now = now + .seconds(3600)  // keep the overall bucket full
        }
        #expect(delays.prefix(4) == [.milliseconds(5), .milliseconds(10), .milliseconds(20), .milliseconds(40)])
        #expect(delays[17] == .milliseconds(5 << 17))  // 655.36 s, the last step below the cap
        #expect(delays.dropFirst(18).allSatisfy { $0 == .seconds(1000) })
        #expect(limiter.failures(of: a) == 22)
    }

    @Test("Forgetting a key resets its backoff, and keys back off independently")
    func forgetResetsOneKey() {
        var limiter = ControllerRateLimiter()
        for _ in 0..<3 {
            _ = limiter.delay(for: a, at: .zero)
            _ = limiter.delay(for: b, at: .zero)
        }
        limiter.forget(a)
        #expect(limiter.failures(of: a) == 0)
        #expect(limiter.delay(for: a, at: .zero) == .milliseconds(5))
        #expect(limiter.delay(for: b, at: .zero) == .milliseconds(40))
    }

    @Test("The overall bucket lets 100 retries through at once, then one every 100 ms")
    func bucketAllowsBurstThenTenPerSecond() {
        var limiter = ControllerRateLimiter()
        let keys = (0..<103).map { ObjectKey(namespace: "default", name: "k\($0)") }
        let delays = keys.map { limiter.delay(for: $0, at: .zero) }
        #expect(delays.prefix(100).allSatisfy { $0 == .milliseconds(5) })
        #expect(Array(delays.suffix(3)) == [.milliseconds(100), .milliseconds(200), .milliseconds(300)])
        // One second later ten tokens have come back; three of them pay off the debt.
        let later = (0..<8).map { limiter.delay(for: ObjectKey(namespace: "x", name: "\($0)"), at: .zero + .seconds(1)) }
        #expect(later.prefix(7).allSatisfy { $0 == .milliseconds(5) })
        #expect(later[7] == .milliseconds(100))
    }
}
