import KubeObjects
@testable import Placement
import Testing

/// Every case of `kubeadmiral-planner-cases.json` (kubeadmiral-planner.md §6), reported by id.
///
/// Weighted and binpack cases run through the convergence harness from the *raw* preference map, and each
/// step is also checked against the recorded trace; the others are single calls.
@Suite("KubeAdmiral planner conformance")
struct PlannerConformanceTests {
    static let expectedCounts: [String: Int] = [
        "weighted": 200, "binpack": 76, "binpackDesiredPlan": 10, "rspPlugin": 15, "calcWeightLimit": 7,
        "availableToPercentage": 9,
    ]

    @Test("The planner conformance file is present and holds all 317 cases")
    func fileIsPresent() throws {
        let cases = try ConformanceFixtures.plannerCases.get()
        var counts: [String: Int] = [:]
        for (_, value) in cases { counts[value["mode"]?.stringValue ?? "?", default: 0] += 1 }
        #expect(cases.count == 317)
        #expect(counts == Self.expectedCounts)
    }

    @Test("Each upstream planner case gives the upstream answer", arguments: ConformanceFixtures.ids(ConformanceFixtures.plannerCases))
    func upstreamCase(id: String) throws {
        let testCase = try #require(ConformanceFixtures.lookup(id, in: ConformanceFixtures.plannerCases))
        switch testCase["mode"]?.stringValue {
        case "weighted": checkConvergence(testCase, planner: .spread)
        case "binpack": checkConvergence(testCase, planner: .binpack)
        case "binpackDesiredPlan": checkBinpackDesiredPlan(testCase)
        case "rspPlugin": try checkReplicasPlugin(testCase)
        case "calcWeightLimit": checkWeightLimit(testCase)
        case "availableToPercentage": checkAvailableToPercentage(testCase)
        case let mode: Issue.record("unknown mode \(String(describing: mode))")
        }
    }

    private func checkConvergence(_ testCase: JSONValue, planner: ConvergenceHarness.Planner) {
        let outcome = ConvergenceHarness.run(testCase, planner: planner)
        #expect(outcome.converged, "did not converge within 3 steps")
        // Exact key sets: a 0 entry differs from an absent one; empty equals null.
        #expect(outcome.plan == (testCase.fixtureCounts("expected") ?? [:]))
        #expect(outcome.overflow == (testCase.fixtureCounts("expectedOverflow") ?? [:]))
        #expect(outcome.steps.count == Int(testCase.fixtureInt("steps") ?? -1))
        for (index, recorded) in (testCase["trace"]?.arrayValue ?? []).enumerated() where index < outcome.steps.count {
            let step = outcome.steps[index]
            #expect(step.existing ?? [:] == recorded.fixtureCounts("existing") ?? [:], "trace step \(index) existing")
            #expect(step.estimatedCapacity == recorded.fixtureCounts("estimatedCapacity") ?? [:], "trace step \(index) estimate")
            #expect(step.plan == recorded.fixtureCounts("plan") ?? [:], "trace step \(index) plan")
            #expect(step.overflow == recorded.fixtureCounts("overflow") ?? [:], "trace step \(index) overflow")
        }
    }

    private func checkBinpackDesiredPlan(_ testCase: JSONValue) {
        let available = testCase.fixtureStrings("availableClusters")
        let division = BinpackPlanner.desiredPlan(
            clusters: testCase.preferenceTable.binpackPreferences(for: available),
            totalReplicas: testCase.fixtureInt("totalReplicas") ?? 0,
            estimatedCapacity: testCase.fixtureCounts("estimatedCapacity") ?? [:],
            limitedCapacity: testCase.fixtureCounts("limitedCapacity") ?? [:])
        #expect(division.planByCluster == testCase.fixtureCounts("expected"))
        #expect(division.overflowByCluster == testCase.fixtureCounts("expectedOverflow"))
    }

    private func checkReplicasPlugin(_ testCase: JSONValue) throws {
        let resource = testCase["requestsGPU"]?.boolValue == true ? DynamicWeights.gpuResource : "cpu"
        let tolerations = try (testCase["tolerations"]?.arrayValue ?? []).map(Self.toleration)
        let clusters = try (testCase["clusters"]?.arrayValue ?? []).map { value in
            let taints = try (value["taints"]?.arrayValue ?? []).map(Self.taint)
            return ReplicasPluginCluster(
                name: value["name"]?.stringValue ?? "",
                hasUntoleratedNoScheduleTaint: tolerations.firstUntolerated(taints, effects: [.noSchedule]) != nil,
                allocatable: value.fixtureCounts("allocatable")?[resource] ?? 0,
                available: value.fixtureCounts("available")?[resource] ?? 0)
        }
        let input = ReplicasPluginInput(
            testCase.fixtureTerms(), clusters: clusters, weights: testCase.fixtureCounts("weights") ?? [:],
            minReplicas: testCase.fixtureCounts("minReplicas") ?? [:],
            maxReplicas: testCase.fixtureCounts("maxReplicas") ?? [:],
            currentClusters: (testCase.fixtureCounts("currentReplicas") ?? [:]).mapValues { .count($0) })
        let written = ClusterCapacityWeightPlugin.replicaScheduling(input)
        #expect(Dictionary(uniqueKeysWithValues: written.map { ($0.cluster, $0.replicas) }) == testCase.fixtureCounts("expected"))
        #expect(written.map(\.cluster) == testCase.fixtureStrings("expectedOrder"))
    }

    private static func taint(_ value: JSONValue) throws -> Taint {
        Taint(
            key: value["key"]?.stringValue ?? "", value: value["value"]?.stringValue ?? "",
            effect: try #require(Taint.Effect(rawValue: value["effect"]?.stringValue ?? "")))
    }

    /// An empty operator is `Equal` and an empty effect matches every effect, as in Kubernetes.
    private static func toleration(_ value: JSONValue) throws -> Toleration {
        let operatorName = value["operator"]?.stringValue ?? ""
        let effectName = value["effect"]?.stringValue ?? ""
        var effect: Taint.Effect?
        if !effectName.isEmpty {
            let named: Taint.Effect = try #require(Taint.Effect(rawValue: effectName))
            effect = named
        }
        return Toleration(
            key: value["key"]?.stringValue ?? "",
            operator: try #require(Toleration.Operator(rawValue: operatorName.isEmpty ? "Equal" : operatorName)),
            value: value["value"]?.stringValue ?? "", effect: effect)
    }

    private func checkWeightLimit(_ testCase: JSONValue) {
        let limits = DynamicWeights.calcWeightLimit(
            clusters: Self.resourceLists(testCase, field: "allocatable"),
            resourceName: testCase["resourceName"]?.stringValue ?? "",
            supplyLimitRatio: testCase["supplyLimitRatio"]?.doubleValue ?? 0)
        #expect(limits == testCase.fixtureCounts("expected"))
    }

    private func checkAvailableToPercentage(_ testCase: JSONValue) {
        let resource = testCase["resourceName"]?.stringValue ?? ""
        let availables: [NamedResourceList]
        var limits: [String: Int64]?
        if testCase["clusters"]?.arrayValue != nil {
            availables = Self.resourceLists(testCase, field: "available")
            limits = DynamicWeights.calcWeightLimit(
                clusters: Self.resourceLists(testCase, field: "allocatable"), resourceName: resource,
                supplyLimitRatio: testCase["supplyLimitRatio"]?.doubleValue ?? 0)
        } else {
            availables = (testCase["clusterAvailables"]?.objectValue ?? JSONObject()).map { name, value in
                NamedResourceList(name: name, resources: value.objectValue.map(Self.integers) ?? [:])
            }
            limits = testCase.fixtureCounts("weightLimit")
        }
        let result = Result { () throws(DynamicWeightError) in
            try DynamicWeights.availableToPercentage(
                clusterAvailables: availables, resourceName: resource, weightLimit: limits)
        }
        if testCase["expectError"]?.boolValue == true {
            #expect(throws: DynamicWeightError.self) { try result.get() }
        } else {
            #expect((try? result.get()) == testCase.fixtureCounts("expected"))
        }
    }

    /// Each case cluster's allocatable or available list as the scheduler builds it (§1.5 built-in lists).
    private static func resourceLists(_ testCase: JSONValue, field: String) -> [NamedResourceList] {
        (testCase["clusters"]?.arrayValue ?? []).map { value in
            NamedResourceList.withBuiltIns(name: value["name"]?.stringValue ?? "", reported: value.fixtureCounts(field))
        }
    }

    private static func integers(_ object: JSONObject) -> [String: Int64] {
        var result: [String: Int64] = [:]
        for (key, value) in object { result[key] = value.intValue }
        return result
    }
}
