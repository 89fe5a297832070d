import KubeObjects
@testable import Placement
import Testing

/// Binpack's three entry points — keyed, indexed, and the replicas plugin — checked against one another,
/// against the map-based model of kubeadmiral-planner.md §2, and against the upstream fixtures' traces.
@Suite("Binpack differential")
struct BinpackDifferentialTests {
    static let seeds: [UInt64] = (1...8).map { 0xB1_9AC0 &* $0 }
    static let inputsPerSeed = 300
    static let flagCombinations = [(false, false), (false, true), (true, false), (true, true)]

    @Test("The indexed path gives exactly the keyed path's plan and overflow on generated inputs", arguments: seeds)
    func indexedMatchesKeyed(seed: UInt64) {
        var generator = DivisionInputGenerator(seed: seed)
        var shares: [ClusterShare] = []
        for _ in 0..<Self.inputsPerSeed {
            let base = generator.binpackInput(unlistedKeys: false)
            for (avoidDisruption, keep) in Self.flagCombinations {
                var input = base
                input.avoidDisruption = avoidDisruption
                input.keepUnschedulableReplicas = keep
                let indexed = Self.indexed(input)
                let outcome = BinpackPlanner.plan(indexed, into: &shares)
                #expect(Self.division(indexed, shares, outcome) == BinpackPlanner.plan(input), "\(input)")
            }
        }
    }

    @Test("The keyed path agrees with the map-based model, keys outside the cluster list included", arguments: seeds)
    func keyedMatchesModel(seed: UInt64) {
        var generator = DivisionInputGenerator(seed: seed ^ 0x5EED)
        for _ in 0..<Self.inputsPerSeed {
            let base = generator.binpackInput(unlistedKeys: true)
            for (avoidDisruption, keep) in Self.flagCombinations {
                var input = base
                input.avoidDisruption = avoidDisruption
                input.keepUnschedulableReplicas = keep
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
                let input = ReplicaDivisionInput(
                    totalReplicas: testCase.fixtureInt("totalReplicas") ?? 0,
                    clusters: testCase.preferenceTable.binpackPreferences(for: available), currentReplicas: existing,
                    estimatedCapacity: estimated, limitedCapacity: limited, scheduledReplicas: scheduled,
                    avoidDisruption: testCase["avoidDisruption"]?.boolValue ?? false,
                    keepUnschedulableReplicas: testCase["keepUnschedulableReplicas"]?.boolValue ?? false)
                let indexed = Self.indexed(input)
                let outcome = BinpackPlanner.plan(indexed, into: &shares)
                let division = Self.division(indexed, shares, outcome)
                #expect(division.planByCluster == step.fixtureCounts("plan") ?? [:], "\(testCase["id"]?.stringValue ?? "")")
                #expect(division.overflowByCluster == step.fixtureCounts("overflow") ?? [:])
                checkedSteps += 1
            }
        }
        #expect(checkedSteps > 100)
    }

    /// The indexed form of a keyed input whose maps name only listed clusters.
    static func indexed(_ input: ReplicaDivisionInput) -> IndexedDivisionInput {
        IndexedDivisionInput(
            totalReplicas: input.totalReplicas,
            clusters: input.clusters.map { preference in
                IndexedCluster(
                    preference: preference, currentReplicas: input.currentReplicas?[preference.name],
                    estimatedCapacity: input.estimatedCapacity[preference.name],
                    limitedCapacity: input.limitedCapacity[preference.name],
                    scheduledReplicas: input.scheduledReplicas?[preference.name])
            },
            avoidDisruption: input.avoidDisruption, keepUnschedulableReplicas: input.keepUnschedulableReplicas)
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
            return input.totalReplicas
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
        return ReplicaDivisionInput(
            totalReplicas: input.totalReplicas, clusters: preferences, currentReplicas: current,
            estimatedCapacity: input.estimatedCapacity.filter { $0.value >= 0 }, limitedCapacity: input.limitedCapacity,
            scheduledReplicas: spread ? nil : input.scheduledReplicas, replicaSetKey: input.replicaSetKey,
            avoidDisruption: input.avoidDisruption, keepUnschedulableReplicas: input.keepUnschedulableReplicas)
    }
}
