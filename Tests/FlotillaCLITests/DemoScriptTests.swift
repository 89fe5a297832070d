import Testing

@testable import FlotillaCLI

/// How the demo judges a step: the walkthrough's table where KubeAdmiral's planner agrees with it,
/// and only the planner's layout where the two disagree.
@Suite("demo script verdicts")
struct DemoScriptTests {
    static func step(_ id: String) throws -> DemoStep {
        try #require(DemoScript.reference.parts.flatMap(\.steps).first { $0.id == id })
    }

    @Test("a step where the table and the planner agree passes on the table's layout and on nothing else")
    func agreeingStep() throws {
        let a4 = try Self.step("A4")
        #expect(a4.planner == nil)
        #expect(a4.verdict(for: a4.expected) == .matches)
        var moved = a4.expected
        moved[2].postPaid -= 1
        #expect(a4.verdict(for: moved) == .differs)
    }

    @Test("at B4, B5 and B7 the planner's layout passes and the walkthrough's table does not")
    func disagreeingSteps() throws {
        for id in ["B4", "B5", "B7"] {
            let step = try Self.step(id)
            let planner = try #require(step.planner, "\(id) has no planner layout")
            #expect(planner != step.expected, "\(id)")
            #expect(step.verdict(for: planner) == .matchesPlanner, "\(id)")
            #expect(step.verdict(for: step.expected) == .differs, "\(id)")
        }
    }

    @Test("the scenario has 14 steps, A1-A6 and B1-B8, each with a layout for the three members")
    func scriptShape() {
        let steps = DemoScript.reference.parts.flatMap(\.steps)
        #expect(steps.map(\.id) == ["A1", "A2", "A3", "A4", "A5", "A6", "B1", "B2", "B3", "B4", "B5", "B6", "B7", "B8"])
        #expect(steps.allSatisfy { $0.expected.count == DemoScript.clusters.count })
        #expect(steps.allSatisfy { ($0.planner?.count ?? DemoScript.clusters.count) == DemoScript.clusters.count })
    }
}
