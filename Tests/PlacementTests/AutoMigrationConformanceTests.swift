import KubeObjects
import Placement
import Testing

/// Every case of `kubeadmiral-automigration-cases.json` (kubeadmiral-planner.md §3, §6), reported by id.
@Suite("KubeAdmiral auto-migration conformance")
struct AutoMigrationConformanceTests {
    /// An arbitrary fixed "now": the cases give times relative to it.
    static let now = Timestamp(secondsSinceEpoch: 1_700_000_000)

    @Test("The auto-migration conformance file is present and holds all 14 cases")
    func fileIsPresent() throws {
        let cases = try ConformanceFixtures.autoMigrationCases.get()
        #expect(cases.count == 14)
    }

    @Test("Each upstream auto-migration case gives the upstream answer", arguments: ConformanceFixtures.ids(ConformanceFixtures.autoMigrationCases))
    func upstreamCase(id: String) throws {
        let testCase = try #require(ConformanceFixtures.lookup(id, in: ConformanceFixtures.autoMigrationCases))
        switch testCase["function"]?.stringValue {
        case "countScheduledAndUnschedulablePods":
            let pods = (testCase["pods"]?.arrayValue ?? []).map { pod in
                PodSchedulingState(
                    isTerminating: pod["terminating"]?.boolValue ?? false,
                    podScheduled: Self.condition(pod["podScheduled"], offsetKey: "lastTransitionSecondsAgo", sign: -1))
            }
            let counts = PodSchedulingCounter.countScheduledAndUnschedulablePods(
                pods, threshold: .seconds(testCase.fixtureInt("thresholdSeconds") ?? 0), now: Self.now)
            #expect(counts.scheduled == testCase.fixtureInt("expectedScheduled"))
            #expect(counts.unschedulable == testCase.fixtureInt("expectedUnschedulable"))
            #expect(counts.nextCrossIn == testCase.fixtureInt("expectedNextCrossInSeconds").map { .seconds($0) })
        case "podScheduledConditionChanged":
            let changed = PodSchedulingCounter.podScheduledConditionChanged(
                old: Self.condition(testCase["oldPodScheduled"], offsetKey: "lastTransitionSecondsFromNow", sign: 1),
                new: Self.condition(testCase["newPodScheduled"], offsetKey: "lastTransitionSecondsFromNow", sign: 1))
            #expect(changed == testCase["expected"]?.boolValue)
        case let function:
            Issue.record("unknown function \(String(describing: function))")
        }
    }

    private static func condition(_ value: JSONValue?, offsetKey: String, sign: Int64) -> PodScheduledCondition? {
        guard let value, !value.isNull else { return nil }
        return PodScheduledCondition(
            status: value["status"]?.stringValue ?? "", reason: value["reason"]?.stringValue ?? "",
            lastTransitionTime: now + .seconds(sign * (value.fixtureInt(offsetKey) ?? 0)))
    }
}
