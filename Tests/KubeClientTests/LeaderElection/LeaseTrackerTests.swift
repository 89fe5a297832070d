import KubeObjects
import Testing

@testable import KubeClient

@Suite("Lease records and the acquire rules")
struct LeaseTrackerTests {
    static let wallTime: Duration = .seconds(1_767_225_600) + .milliseconds(1500)  // 2026-01-01T00:00:01.5Z

    func lease(_ record: LeaderElectionRecord, version: String = "7") -> JSONValue {
        var object = record.newLease(namespace: "kube-admiral-system", name: "flotilla-controller")
        object["metadata"]?["resourceVersion"] = .string(version)
        return object
    }

    @Test("MicroTime is RFC 3339 in UTC with exactly six fractional digits")
    func microTime() {
        #expect(MicroTime.format(sinceEpoch: Self.wallTime) == "2026-01-01T00:00:01.500000Z")
        #expect(MicroTime.format(sinceEpoch: .seconds(951_782_400) + .microseconds(7)) == "2000-02-29T00:00:00.000007Z")
        #expect(MicroTime.format(sinceEpoch: .zero) == "1970-01-01T00:00:00.000000Z")
    }

    @Test("A record survives being written into a Lease and read back; missing fields read as zero")
    func recordRoundTrip() throws {
        let record = LeaderElectionRecord(
            holderIdentity: "a", leaseDurationSeconds: 15, acquireTime: "2026-01-01T00:00:00.000000Z",
            renewTime: "2026-01-01T00:00:02.000000Z", leaseTransitions: 3)
        #expect(try LeaderElectionRecord(lease: lease(record)) == record)
        let empty: JSONValue = ["metadata": ["name": "l", "namespace": "n"], "spec": [:]]
        #expect(try LeaderElectionRecord(lease: empty) == LeaderElectionRecord(holderIdentity: "", leaseDurationSeconds: 0))
    }

    @Test("A spec field of the wrong type is an error naming the lease and the field")
    func malformedLease() {
        let bad: JSONValue = [
            "metadata": ["name": "flotilla-controller", "namespace": "ops"],
            "spec": ["holderIdentity": "a", "leaseDurationSeconds": "15"],
        ]
        let error = #expect(throws: LeaderElectionError.self) { try LeaderElectionRecord(lease: bad) }
        #expect(error?.code == .malformedLease)
        #expect(error?.message == "lease ops/flotilla-controller: spec.leaseDurationSeconds must be an integer, got a string")
    }

    @Test("An absent lease is created with no transitions, acquired and renewed now")
    func absentLease() {
        let tracker = LeaseTracker(identity: "a")
        let claim = tracker.claim(leading: false, now: .zero, wallTime: Self.wallTime, leaseDurationSeconds: 15)
        #expect(claim == .create(LeaderElectionRecord(
            holderIdentity: "a", leaseDurationSeconds: 15, acquireTime: "2026-01-01T00:00:01.500000Z",
            renewTime: "2026-01-01T00:00:01.500000Z", leaseTransitions: 0)))
    }

    @Test("A held lease expires leaseDurationSeconds after this candidate saw it change, whatever its renewTime says")
    func expiryByObservation() {
        // The holder's clock is far behind ours: its renewTime is in 2000. That must not make the lease look expired.
        let held = LeaderElectionRecord(
            holderIdentity: "b", leaseDurationSeconds: 15, acquireTime: "2000-01-01T00:00:00.000000Z",
            renewTime: "2000-01-01T00:00:00.000000Z", leaseTransitions: 4)
        var tracker = LeaseTracker(identity: "a")
        tracker.observe(lease(held), record: held, at: ClockInstant(offset: .seconds(100)))
        let at = { (seconds: Int64) in
            tracker.claim(leading: false, now: ClockInstant(offset: .seconds(seconds)), wallTime: Self.wallTime,
                          leaseDurationSeconds: 15)
        }
        #expect(at(100) == .heldByOther("b"))
        #expect(at(114) == .heldByOther("b"))
        // Seeing the same record again does not move the observation time.
        tracker.observe(lease(held, version: "7"), record: held, at: ClockInstant(offset: .seconds(110)))
        guard case .update(let object, let record) = at(115) else {
            Issue.record("expected to take the expired lease, got \(at(115))")
            return
        }
        #expect(record.holderIdentity == "a")
        #expect(record.leaseTransitions == 5)
        #expect(object[path: ["metadata", "resourceVersion"]] == "7", "the write is conditional on the version read")

        // A renewal by the holder (a changed record) restarts the wait.
        var renewed = held
        renewed.renewTime = "2000-01-01T00:00:02.000000Z"
        tracker.observe(lease(renewed, version: "8"), record: renewed, at: ClockInstant(offset: .seconds(112)))
        #expect(at(120) == .heldByOther("b"))
        #expect(at(127) != .heldByOther("b"))
    }

    @Test("A released lease (no holder) is taken at once, counting a transition")
    func releasedLease() {
        let released = LeaderElectionRecord(
            holderIdentity: "", leaseDurationSeconds: 1, acquireTime: "x", renewTime: "x", leaseTransitions: 2)
        var tracker = LeaseTracker(identity: "a")
        tracker.observe(lease(released), record: released, at: .zero)
        guard case .update(_, let record) = tracker.claim(
            leading: false, now: .zero, wallTime: Self.wallTime, leaseDurationSeconds: 15)
        else {
            Issue.record("a released lease must be taken at once")
            return
        }
        #expect(record.holderIdentity == "a")
        #expect(record.leaseTransitions == 3)
        #expect(record.leaseDurationSeconds == 15)
    }

    @Test("A leader's renewal keeps acquireTime and transitions and moves renewTime; its release empties the holder")
    func renewalAndRelease() {
        let mine = LeaderElectionRecord(
            holderIdentity: "a", leaseDurationSeconds: 15, acquireTime: "2026-01-01T00:00:00.000000Z",
            renewTime: "2026-01-01T00:00:00.000000Z", leaseTransitions: 6)
        var tracker = LeaseTracker(identity: "a")
        tracker.observe(lease(mine), record: mine, at: .zero)
        let renewal = tracker.record(leading: true, wallTime: Self.wallTime, leaseDurationSeconds: 15)
        #expect(renewal.acquireTime == "2026-01-01T00:00:00.000000Z")
        #expect(renewal.renewTime == "2026-01-01T00:00:01.500000Z")
        #expect(renewal.leaseTransitions == 6)
        #expect(tracker.releaseRecord(wallTime: Self.wallTime) == LeaderElectionRecord(
            holderIdentity: "", leaseDurationSeconds: 1, acquireTime: "2026-01-01T00:00:01.500000Z",
            renewTime: "2026-01-01T00:00:01.500000Z", leaseTransitions: 6))

        var other = LeaseTracker(identity: "b")
        other.observe(lease(mine), record: mine, at: .zero)
        #expect(other.releaseRecord(wallTime: Self.wallTime) == nil, "only the holder releases")
    }
}
