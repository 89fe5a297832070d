import KubeObjects
@testable import Placement

/// The convergence harness of kubeadmiral-planner.md §6, reproducing upstream `doCheck`: plan, feed
/// `plan + overflow` back as the current layout with the capacity estimate it implies, and repeat until two
/// consecutive answers agree (at most 3 calls).
struct ConvergenceHarness {
    enum Planner { case spread, binpack }

    struct Step {
        var existing: [String: Int64]?
        var estimatedCapacity: [String: Int64]
        var plan: [String: Int64]
        var overflow: [String: Int64]
    }

    struct Outcome {
        var steps: [Step]
        var converged: Bool
        var plan: [String: Int64] { steps.last?.plan ?? [:] }
        var overflow: [String: Int64] { steps.last?.overflow ?? [:] }
    }

    static let maxConvergenceSteps = 3

    /// Runs one weighted or binpack case from its raw fields.
    static func run(_ testCase: JSONValue, planner: Planner) -> Outcome {
        let available = testCase.fixtureStrings("availableClusters")
        let table = testCase.preferenceTable
        let clusters = planner == .spread
            ? table.spreadPreferences(for: available) : table.binpackPreferences(for: available)
        let actualCapacity = testCase.fixtureCounts("actualCapacity") ?? [:]
        var existing = testCase.fixtureCounts("currentReplicas")
        var lastPlan: [String: Int64]?
        var lastOverflow: [String: Int64]?
        var steps: [Step] = []
        for _ in 0..<maxConvergenceSteps {
            var estimated: [String: Int64] = [:]
            for (cluster, capacity) in actualCapacity where (existing?[cluster] ?? 0) > capacity {
                estimated[cluster] = capacity
            }
            let input = ReplicaDivisionInput(
                testCase.fixtureTerms(estimatedCapacity: estimated), clusters: clusters, currentReplicas: existing)
            let division = planner == .spread ? SpreadPlanner.plan(input) : BinpackPlanner.plan(input)
            let plan = division.planByCluster
            let overflow = division.overflowByCluster
            steps.append(Step(existing: existing, estimatedCapacity: estimated, plan: plan, overflow: overflow))
            if sameOrBothEmpty(plan, lastPlan) && sameOrBothEmpty(overflow, lastOverflow) {
                return Outcome(steps: steps, converged: true)
            }
            existing = division.writtenByCluster
            lastPlan = plan
            lastOverflow = overflow
        }
        return Outcome(steps: steps, converged: false)
    }

    /// `plan == lastPlan`, or both empty (a missing last answer counts as empty).
    private static func sameOrBothEmpty(_ current: [String: Int64], _ last: [String: Int64]?) -> Bool {
        if let last, last == current { return true }
        return current.isEmpty && (last?.isEmpty ?? true)
    }
}
