/// Spread's dynamic weights, used when no placement gives a weight (kubeadmiral-planner.md §1.5).
///
/// Weights are per-mille shares of the chosen resource (`nvidia.com/gpu` when the pod template requests
/// GPUs, else `cpu`): each cluster's share of what is *available*, capped at its share of what is
/// *allocatable* times a supply-limit ratio, then renormalised to sum to 1000. All inputs are integer
/// `Quantity.Value()`s (rounded up by the caller). Go's `math.Round` rounds half away from zero.
public enum DynamicWeights {
    /// The supply-limit ratio upstream uses in production (§1.5); its unit tests use 1.0.
    public static let productionSupplyLimitRatio = 1.4
    /// The total that weights are normalised to.
    static let scale = 1000.0

    /// The GPU resource name, chosen when the workload requests GPUs (§1.5).
    public static let gpuResource = "nvidia.com/gpu"

    /// The resources every cluster's built-in lists contain, initialised to 0 (§1.5).
    public static let builtInResources = ["cpu", "memory", gpuResource]

    /// `CalcWeightLimit`: `round(allocatable_c / Σ allocatable × 1000 × ratio)`, or `round(1000 / n)` for
    /// every cluster when nothing is allocatable. Aligned with `allocatable`.
    public static func weightLimits(allocatable: [Int64], supplyLimitRatio: Double) -> [Int64] {
        var sum: Int64 = 0
        for value in allocatable { sum &+= value }
        if sum == 0 { return allocatable.map { _ in evenShare(count: allocatable.count) } }
        return allocatable.map { goRound(Double($0) / Double(sum) * scale * supplyLimitRatio) }
    }

    /// `AvailableToPercentage`: shares of the non-negative `available`, each capped at its limit (`nil`: no
    /// cap), renormalised to 1000 with the rounding remainder given to the first largest weight. Go picks
    /// among tied largest weights in map order, which is random; no upstream case depends on it (§6).
    public static func availableToPercentage(available: [Int64], weightLimits: [Int64]?) -> [Int64] {
        let count = available.count
        var sum: Int64 = 0
        for value in available where value > 0 { sum &+= value }
        if sum == 0 { return available.map { _ in evenShare(count: count) } }
        var weights = [Int64](repeating: 0, count: count)
        var weightSum: Int64 = 0
        for i in 0..<count {
            var weight = goRound(Double(max(available[i], 0)) / Double(sum) * scale)
            if let weightLimits, i < weightLimits.count, weight > weightLimits[i] { weight = weightLimits[i] }
            weights[i] = weight
            weightSum &+= weight
        }
        // Every available cluster capped at 0: Go would divide 0 by 0 here. Fall back to even shares.
        if weightSum == 0 { return available.map { _ in evenShare(count: count) } }
        var normalisedSum: Int64 = 0
        var largest = 0
        for i in 0..<count {
            weights[i] = goRound(Double(weights[i]) / Double(weightSum) * scale)
            normalisedSum &+= weights[i]
            if weights[i] > weights[largest] { largest = i }
        }
        weights[largest] &+= Int64(scale) &- normalisedSum
        return weights
    }

    /// The name-keyed `CalcWeightLimit`, over each cluster's allocatable list; a cluster without a list
    /// (empty `status.resources`) or without the resource counts as 0.
    public static func calcWeightLimit(
        clusters: [NamedResourceList], resourceName: String, supplyLimitRatio: Double
    ) -> [String: Int64] {
        let limits = weightLimits(
            allocatable: clusters.map { $0.resources[resourceName] ?? 0 }, supplyLimitRatio: supplyLimitRatio)
        return Dictionary(zip(clusters.map(\.name), limits), uniquingKeysWith: { first, _ in first })
    }

    /// The name-keyed `AvailableToPercentage`. Fails when a cluster's list lacks the resource, as upstream
    /// does (§1.5); the built-in lists never do.
    public static func availableToPercentage(
        clusterAvailables: [NamedResourceList], resourceName: String, weightLimit: [String: Int64]?
    ) throws(DynamicWeightError) -> [String: Int64] {
        var available: [Int64] = []
        available.reserveCapacity(clusterAvailables.count)
        for cluster in clusterAvailables {
            guard let value = cluster.resources[resourceName] else {
                throw DynamicWeightError.missingResource(cluster: cluster.name, resource: resourceName)
            }
            available.append(value)
        }
        var limits: [Int64]?
        if let weightLimit {
            limits = clusterAvailables.map { weightLimit[$0.name] ?? Int64.max }
        }
        let weights = availableToPercentage(available: available, weightLimits: limits)
        return Dictionary(zip(clusterAvailables.map(\.name), weights), uniquingKeysWith: { first, _ in first })
    }

    /// `round(1000 / n)`: the share of each cluster when there is nothing to go by.
    static func evenShare(count: Int) -> Int64 { goRound(scale / Double(count)) }

    /// Go's `int64(math.Round(x))`: half away from zero; out-of-range values saturate instead of trapping.
    static func goRound(_ value: Double) -> Int64 {
        let rounded = value.rounded(.toNearestOrAwayFromZero)
        if rounded.isNaN { return 0 }
        if rounded >= 9.223_372_036_854_775_807e18 { return Int64.max }
        if rounded <= -9.223_372_036_854_775_808e18 { return Int64.min }
        return Int64(rounded)
    }
}

/// A cluster's resource list (`status.resources.allocatable` or `.available`) as integer quantities.
public struct NamedResourceList: Sendable, Hashable {
    public var name: String
    public var resources: [String: Int64]

    public init(name: String, resources: [String: Int64]) {
        self.name = name
        self.resources = resources
    }

    /// A list as the scheduler builds it: the built-in resources at 0, overlaid with what the cluster reports.
    public static func withBuiltIns(name: String, reported: [String: Int64]?) -> NamedResourceList {
        var resources = Dictionary(uniqueKeysWithValues: DynamicWeights.builtInResources.map { ($0, Int64(0)) })
        for (key, value) in reported ?? [:] { resources[key] = value }
        return NamedResourceList(name: name, resources: resources)
    }
}

/// Why dynamic weights could not be computed.
public enum DynamicWeightError: Error, Sendable, Hashable {
    case missingResource(cluster: String, resource: String)
}
