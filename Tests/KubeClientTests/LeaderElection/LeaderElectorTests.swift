import KubeObjects
import KubeSim
import Testing

@testable import KubeClient

@Suite("Leader election on a Lease", .timeLimit(.minutes(1)))
struct LeaderElectorTests {
    @Test("Of two candidates exactly one leads, keeps leading while it renews, and the lease names it")
    func oneLeads() async throws {
        try await ElectionHarness.run { harness in
            let candidates = [try harness.candidate("a"), try harness.candidate("b")]
            await harness.settle(candidates)
            let leaders = harness.leaders(candidates)
            #expect(leaders.count == 1)
            let leader = try #require(leaders.first)
            var reader = harness.ledger.events.reader()
            #expect(await reader.next() == "start \(leader)")
            await harness.advance(seconds: 30, candidates) { _ in
                #expect(harness.leaders(candidates) == [leader])
            }
            let record = try await harness.record()
            #expect(record.holderIdentity == leader)
            #expect(record.leaseDurationSeconds == 15)
            #expect(record.leaseTransitions == 0)
            #expect(record.renewTime == "2026-01-01T00:00:30.000000Z", "renewed every 2 s of virtual time")
            #expect(record.acquireTime == "2026-01-01T00:00:00.000000Z")
            #expect(candidates.allSatisfy { $0.elector.status.observedHolder == leader })
            #expect(harness.ledger.starts == [leader])
            for candidate in candidates { await candidate.stop() }
            #expect(harness.ledger.overlaps == [])
        }
    }

    @Test("When the leader dies without releasing, the other takes over only once the lease duration has passed")
    func takeoverAfterExpiry() async throws {
        try await ElectionHarness.run { harness in
            let a = try harness.candidate("a", releaseOnCancel: false)
            await harness.settle([a])
            let b = try harness.candidate("b")
            await harness.settle([a, b])  // b has seen a's record at t=0
            #expect(harness.leaders([a, b]) == ["a"])
            await a.stop()  // a crash: the body ends, the lease stays
            #expect(try await harness.record().holderIdentity == "a")

            await harness.advance(seconds: 16, [b]) { second in
                if second < 15 { #expect(!b.elector.status.isLeader, "b took over at t=\(second)") }
            }
            #expect(b.elector.status.isLeader, "b tries every 2 s: at t=16 the lease seen at t=0 has expired")
            let record = try await harness.record()
            #expect(record.holderIdentity == "b")
            #expect(record.leaseTransitions == 1)
            #expect(harness.ledger.starts == ["a", "b"])
            await b.stop()
            #expect(harness.ledger.overlaps == [])
        }
    }

    @Test("A holder whose renewTime is from a skewed clock is waited out from when it was first seen")
    func skewedRenewTime() async throws {
        try await ElectionHarness.run { harness in
            let ghost = LeaderElectionRecord(
                holderIdentity: "ghost", leaseDurationSeconds: 15, acquireTime: "2000-01-01T00:00:00.000000Z",
                renewTime: "2000-01-01T00:00:00.000000Z")
            _ = try await harness.api.create(
                .leases, namespace: ElectionHarness.namespace,
                ghost.newLease(namespace: ElectionHarness.namespace, name: ElectionHarness.leaseName))
            let b = try harness.candidate("b")
            await harness.settle([b])
            #expect(!b.elector.status.isLeader, "a renewTime 26 years old does not make the lease expired")
            #expect(b.events.all.contains(.observedHolder("ghost")))
            await harness.advance(seconds: 16, [b]) { second in
                if second < 15 { #expect(!b.elector.status.isLeader) }
            }
            #expect(b.elector.status.isLeader)
            await b.stop()
        }
    }

    @Test("A clean stop releases the lease, and the other candidate takes it at its next try")
    func takeoverAfterRelease() async throws {
        try await ElectionHarness.run { harness in
            let a = try harness.candidate("a")
            await harness.settle([a])
            let b = try harness.candidate("b")
            await harness.settle([a, b])
            await a.stop()
            #expect(a.events.all.suffix(2) == [.stoppedLeading(.cancelled), .released])
            let released = try await harness.record()
            #expect(released.holderIdentity == "")
            #expect(released.leaseDurationSeconds == 1)

            await harness.advance(seconds: 2, [b])
            #expect(b.elector.status.isLeader)
            #expect(try await harness.record().holderIdentity == "b")
            await b.stop()
            #expect(harness.ledger.starts == ["a", "b"])
            #expect(harness.ledger.overlaps == [])
        }
    }

    @Test("A leader that cannot renew steps down at the renew deadline, its body cancelled, and leads again once writes succeed")
    func stepsDownWhenRenewalsFail() async throws {
        try await ElectionHarness.run { harness in
            let a = try harness.candidate("a")
            await harness.settle([a])
            var reader = harness.ledger.events.reader()
            #expect(await reader.next() == "start a")
            await harness.failLeaseWrites(1000)
            await harness.advance(seconds: 10, [a]) { second in
                if second < 10 {
                    #expect(a.elector.status.isLeader, "stepped down early, at t=\(second)")
                    #expect(harness.ledger.active == ["a"])
                }
            }
            #expect(!a.elector.status.isLeader)
            #expect(harness.ledger.active == [], "the body has been cancelled and has returned")
            #expect(await reader.next() == "stop a")
            #expect(a.events.all.contains(.stoppedLeading(.renewDeadlineExceeded)))
            #expect(a.events.all.contains { if case .attemptFailed = $0 { true } else { false } })

            await harness.server.clearFaults()
            await harness.advance(seconds: 2, [a])
            #expect(a.elector.status.isLeader, "the lease still names a, so it takes it back at once")
            #expect(await reader.next() == "start a")
            #expect(try await harness.record().leaseTransitions == 0, "the holder never changed")
            await a.stop()
        }
    }

    @Test("leaseTransitions counts each change of holder, and acquireTime marks each new term")
    func transitionsCounted() async throws {
        try await ElectionHarness.run { harness in
            var seen: [LeaderElectionRecord] = []
            for (round, identity) in ["a", "b", "a", "c"].enumerated() {
                let candidate = try harness.candidate(identity)
                await harness.settle([candidate])
                await harness.advance(seconds: 3, [candidate])
                #expect(candidate.elector.status.isLeader)
                seen.append(try await harness.record())
                await candidate.stop()
                #expect(candidate.events.all.first { if case .startedLeading = $0 { true } else { false } }
                    == .startedLeading(leaseTransitions: round))
            }
            #expect(seen.map(\.holderIdentity) == ["a", "b", "a", "c"])
            #expect(seen.map(\.leaseTransitions) == [0, 1, 2, 3])
            #expect(Set(seen.compactMap(\.acquireTime)).count == 4)
            #expect(harness.ledger.overlaps == [])
        }
    }

    @Test("Across random crashes, releases, restarts, partitions and failed writes, no two bodies ever run at once",
          arguments: [11, 12, 13] as [UInt64])
    func neverTwoLeaders(seed: UInt64) async throws {
        try await ElectionHarness.run { harness in
            var random = SeededRandomSource(seed: seed)
            let identities = ["a", "b", "c"]
            var candidates = try identities.map { try harness.candidate($0, releaseOnCancel: random.chance(50)) }
            var everyone = candidates
            for _ in 0..<600 {
                let index = Int(random.below(3))
                switch random.below(100) {
                case 0..<2:
                    await candidates[index].stop()
                case 2..<7:
                    if !candidates[index].isRunning {
                        candidates[index] = try harness.candidate(identities[index], releaseOnCancel: random.chance(50))
                        everyone.append(candidates[index])
                    }
                case 7..<10:
                    // Cut off the leader, if any: it must step down before anyone else takes over.
                    let leader = candidates.first { $0.elector.status.isLeader } ?? candidates[index]
                    leader.network.set(random.chance(50) ? .unreachable : .answersLost)
                case 10..<20:
                    candidates[index].network.set(.connected)
                case 20..<22:
                    await harness.failLeaseWrites(Int(random.below(12)))
                default:
                    break
                }
                await harness.advance(seconds: 1, candidates) { _ in
                    #expect(harness.leaders(candidates).count <= 1)
                }
            }
            let stepDowns = everyone.map { $0.events.all.count { $0 == .stoppedLeading(.renewDeadlineExceeded) } }
                .reduce(0, +)
            for candidate in candidates { await candidate.stop() }
            #expect(harness.ledger.overlaps == [])
            #expect(harness.ledger.starts.count >= 10, "only \(harness.ledger.starts.count) terms: too few changes")
            #expect(stepDowns >= 5, "only \(stepDowns) leaders stepped down for lack of renewal")
        }
    }

    @Test("Timings that cannot work are refused with a message saying why")
    func invalidTimings() throws {
        let api = KubeAPI(transport: CurlTransport(server: ServerURL(scheme: .http, host: "127.0.0.1", port: 1)))
        func make(_ lease: Duration, _ renew: Duration, _ retry: Duration, identity: String = "a") throws {
            _ = try LeaderElector(
                api: api, namespace: "ns", name: "lease", identity: identity, leaseDuration: lease, renewDeadline: renew,
                retryPeriod: retry)
        }
        #expect(throws: Never.self) { try make(.seconds(15), .seconds(10), .seconds(2)) }
        let cases: [(Duration, Duration, Duration, String)] = [
            (.seconds(10), .seconds(10), .seconds(2), "the lease duration (10.0 seconds) must be longer than the renew deadline (10.0 seconds)"),
            (.seconds(15), .seconds(2), .seconds(2), "the renew deadline (2.0 seconds) must be longer than the retry period (2.0 seconds)"),
            (.seconds(15), .seconds(10), .zero, "the retry period must be positive, got 0.0 seconds"),
            (.milliseconds(15500), .seconds(10), .seconds(2), "the lease duration must be whole seconds, got 15.5 seconds"),
        ]
        for (lease, renew, retry, message) in cases {
            let error = #expect(throws: LeaderElectionError.self) { try make(lease, renew, retry) }
            #expect(error?.message == message)
        }
        let error = #expect(throws: LeaderElectionError.self) { try make(.seconds(15), .seconds(10), .seconds(2), identity: "") }
        #expect(error?.message == "leader election needs a identity")
    }
}
