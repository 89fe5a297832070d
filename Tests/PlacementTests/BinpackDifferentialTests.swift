import KubeObjects
@testable import Placement
import Testing

/// Binpack's three entry points — keyed, indexed, and the replicas plugin — checked against one another,
/// against the map-based model of kubeadmiral-planner.md §2, and against the upstream fixtures' traces.
@Suite("Binpack differential")
struct BinpackDifferentialTests {
    static let seeds: [UInt64] = (1...8).map { 0xB1_9AC0 &* $0 }
    static let inputsPerSeed = 300

    /// Runs `body` on `input` under each of the four combinations of the two flags.
    static func forEachFlagCombination(_ input: ReplicaDivisionInput, _ body: (ReplicaDivisionInput) -> Void) {
        for (avoidDisruption, keep) in [(false, false), (false, true), (true, false), (true, true)] {
            var input = input
            input.terms.avoidDisruption = avoidDisruption
            input.terms.keepUnschedulableReplicas = keep
            body(input)
        }
    }

    @Test("The indexed path gives exactly the keyed path's plan and overflow on generated inputs", arguments: seeds)
    func indexedMatchesKeyed(seed: UInt64) {
        var generator = DivisionInputGenerator(seed: seed)
        var shares: [ClusterShare] = []
        for _ in 0..<Self.inputsPerSeed {
            Self.forEachFlagCombination(generator.binpackInput(unlistedKeys: false)) { input in
                let indexed = input.indexed
                let outcome = BinpackPlanner.plan(indexed, into: &shares)
                #expect(Self.division(indexed, shares, outcome) == BinpackPlanner.plan(input), "\(input)")
            }
        }
    }

    @Test("The keyed path agrees with the map-based model, keys outside the cluster list included", arguments: seeds)
    func keyedMatchesModel(seed: UInt64) {
        var generator = DivisionInputGenerator(seed: seed ^ 0x5EED)
        for _ in 0..<Self.inputsPerSeed {
            Self.forEachFlagCombination(generator.binpackInput(unlistedKeys: true)) { input in
                let division = BinpackPlanner.plan(input)
                let model = BinpackReferenceModel.plan(input)
                #expect(division.planByCluster == model.plan, "\(input)")
                #expect(division.overflowByCluster == model.overflow, "\(input)")
            }
        }
    }

    @Test("Both replicas plugins equal their planner over the preferences the plugin derives", arguments: seeds)
    func pluginsMatchPlanners(seed: UInt64) {
        var generator = DivisionInputGenerator(seed: seed ^ 0x9106)
        for _ in 0..<Self.inputsPerSeed {
            let input = generator.pluginInput()
            #expect(PreferenceBinPackPlugin.division(input) == BinpackPlanner.plan(Self.derived(input, spread: false)))
            #expect(ClusterCapacityWeightPlugin.division(input) == SpreadPlanner.plan(Self.derived(input, spread: true)))
        }
    }

    @Test("Every step of every upstream binpack trace gives the recorded answer through the indexed path")
    func indexedReplaysUpstreamTraces() throws {
        var checkedSteps = 0
        var shares: [ClusterShare] = []
        for (_, testCase) in try ConformanceFixtures.plannerCases.get() where testCase["mode"]?.stringValue == "binpack" {
            let available = testCase.fixtureStrings("availableClusters")
            let listed = Set(available)
            let scheduled = testCase.fixtureCounts("scheduledReplicas")
            let limited = testCase.fixtureCounts("limitedCapacity") ?? [:]
            for step in testCase["trace"]?.arrayValue ?? [] {
                let existing = step.fixtureCounts("existing")
                let estimated = step.fixtureCounts("estimatedCapacity") ?? [:]
                // The indexed form only holds keys of listed clusters.
                let keys = [existing, scheduled, estimated, limited].flatMap { $0.map { Array($0.keys) } ?? [] }
                guard keys.allSatisfy(listed.contains) else { continue }
                let indexed = ReplicaDivisionInput(
                    testCase.fixtureTerms(estimatedCapacity: estimated),
                    clusters: testCase.preferenceTable.binpackPreferences(for: available), currentReplicas: existing
                ).indexed
                let outcome = BinpackPlanner.plan(indexed, into: &shares)
                let division = Self.division(indexed, shares, outcome)
                #expect(division.planByCluster == step.fixtureCounts("plan") ?? [:], "\(testCase["id"]?.stringValue ?? "")")
                #expect(division.overflowByCluster == step.fixtureCounts("overflow") ?? [:])
                checkedSteps += 1
            }
        }
        #expect(checkedSteps > 100)
    }

    /// The indexed answer in the keyed form: the outcome says which clusters are plan keys.
    static func division(_ input: IndexedDivisionInput, _ shares: [ClusterShare], _ outcome: BinpackOutcome) -> ReplicaDivision {
        var division = ReplicaDivision()
        for (cluster, share) in zip(input.clusters, shares) {
            let name = cluster.preference.name
            if outcome.isPlanKey(cluster) { division.plan.append(ClusterReplicas(cluster: name, replicas: share.planned)) }
            if share.overflow > 0 { division.overflow.append(ClusterReplicas(cluster: name, replicas: share.overflow)) }
        }
        return division
    }

    /// The planner input the replicas plugins stand for (§0 inputs table), built the plain way: a missing
    /// override is the whole total, negative estimates are dropped, and an untolerated NoSchedule taint
    /// caps the maximum at the current count.
    static func derived(_ input: ReplicasPluginInput, spread: Bool) -> ReplicaDivisionInput {
        let current = input.currentClusters.mapValues { entry -> Int64 in
            if case .count(let replicas) = entry { return replicas }
            return input.terms.totalReplicas
        }
        let dynamicWeights = input.weights.isEmpty
            ? DynamicWeights.availableToPercentage(
                available: input.clusters.map(\.available),
                weightLimits: DynamicWeights.weightLimits(
                    allocatable: input.clusters.map(\.allocatable), supplyLimitRatio: input.supplyLimitRatio))
            : nil
        let preferences = input.clusters.enumerated().map { i, cluster in
            var maximum = input.maxReplicas[cluster.name]
            if cluster.hasUntoleratedNoScheduleTaint { maximum = min(maximum ?? .max, current[cluster.name] ?? 0) }
            return ClusterPreference(
                name: cluster.name, weight: spread ? dynamicWeights?[i] ?? input.weights[cluster.name] ?? 0 : 0,
                minReplicas: input.minReplicas[cluster.name] ?? 0, maxReplicas: maximum)
        }
        var terms = input.terms
        terms.estimatedCapacity = terms.estimatedCapacity.filter { $0.value >= 0 }
        return ReplicaDivisionInput(terms, clusters: preferences, currentReplicas: current)
    }
}
