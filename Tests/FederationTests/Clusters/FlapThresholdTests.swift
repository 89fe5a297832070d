import Federation
import KubeClient
import Testing

/// The flap threshold alone: sequences of observations at given times, and whether each is published.
@Suite struct FlapThresholdTests {
    typealias Health = FlapThreshold.Health
    static let ready = Health(ready: .true, offline: .false)
    static let down = Health(ready: .unknown, offline: .true)
    static let unhealthy = Health(ready: .false, offline: .false)

    /// One observation: seconds since the start, what was observed, and whether it is published.
    struct Step: Sendable, CustomStringConvertible {
        var at: Int64
        var observed: Health
        var published: Bool
        var description: String { "t=\(at)s \(observed) → \(published ? "publish" : "hold")" }
    }

    static let cases: [(String, [Step])] = [
        ("the first observation publishes at once", [Step(at: 0, observed: down, published: true)]),
        (
            "an unchanged health is always published",
            [
                Step(at: 0, observed: ready, published: true), Step(at: 30, observed: ready, published: true),
            ]
        ),
        (
            "a change waits the full threshold",
            [
                Step(at: 0, observed: ready, published: true), Step(at: 30, observed: down, published: false),
                Step(at: 60, observed: down, published: false), Step(at: 129, observed: down, published: false),
                Step(at: 130, observed: down, published: true),
            ]
        ),
        (
            "a blip that recovers is never published",
            [
                Step(at: 0, observed: ready, published: true), Step(at: 30, observed: down, published: false),
                Step(at: 60, observed: ready, published: true), Step(at: 200, observed: ready, published: true),
            ]
        ),
        (
            "a second change restarts the wait",
            [
                Step(at: 0, observed: ready, published: true), Step(at: 30, observed: down, published: false),
                Step(at: 90, observed: unhealthy, published: false),
                Step(at: 150, observed: unhealthy, published: false),
                Step(at: 190, observed: unhealthy, published: true),
            ]
        ),
    ]

    @Test(arguments: cases)
    func observationsArePublishedOnlyAfterLastingTheThreshold(_ name: String, _ steps: [Step]) {
        var threshold = FlapThreshold(threshold: .seconds(100))
        var published: Health?
        for step in steps {
            let now = ClockInstant(offset: .seconds(step.at))
            let decision = threshold.shouldPublish(step.observed, published: published, at: now)
            #expect(decision == step.published, "\(name): \(step)")
            if decision { published = step.observed }
        }
    }

    @Test func afterARestartAChangeFromThePublishedHealthWaitsToo() {
        var threshold = FlapThreshold(threshold: .seconds(100))
        let start = ClockInstant(offset: .seconds(500))
        let atRestart = threshold.shouldPublish(Self.down, published: Self.ready, at: start)
        let later = threshold.shouldPublish(Self.down, published: Self.ready, at: start + .seconds(100))
        #expect(!atRestart)
        #expect(later)
    }

    @Test func theDefaultThresholdIsKubeAdmiralsHundredSeconds() {
        #expect(FlapThreshold().threshold == .seconds(100))
        #expect(ClusterHealthSettings().statusThreshold == .seconds(100))
        #expect(ClusterHealthSettings().probeTimeout == .seconds(15))
        #expect(ClusterHealthSettings(healthCheckPeriod: .seconds(120)).probeTimeout == .seconds(30))
    }
}
