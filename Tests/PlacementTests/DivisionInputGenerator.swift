import Placement
import SeededRandom

/// Seeded, reproducible division inputs that reach every branch of kubeadmiral-planner.md §2: absent keys
/// and zero entries in every map, `nil` maps, minimums above maximums, scheduled counts that agree with the
/// estimates or not (§2 step 1), totals equal to the scheduled total (step 5), and, when asked, keys naming
/// clusters outside the list.
struct DivisionInputGenerator {
    private var random: SplitMix64

    init(seed: UInt64) { random = SplitMix64(seed: seed) }

    mutating func below(_ bound: Int64) -> Int64 { random.below(bound) }
    mutating func chance(_ percent: Int64) -> Bool { random.chance(percent) }

    /// Mostly up to a dozen clusters, sometimes a few dozen.
    mutating func clusterCount() -> Int { Int(chance(85) ? below(13) : 13 + below(40)) }

    /// `count` distinct names in no particular lexical order, all starting with `prefix`.
    mutating func names(_ count: Int, prefix: String = "m") -> [String] {
        (0..<count).map { "\(prefix)\(below(100))-\($0)" }
    }

    /// A keyed Binpack input; with `unlistedKeys`, its maps may also name clusters outside the list.
    mutating func binpackInput(unlistedKeys: Bool) -> ReplicaDivisionInput {
        let listed = names(clusterCount())
        let clusters = listed.map { name in
            ClusterPreference(
                name: name, weight: below(5), minReplicas: chance(50) ? 0 : below(7),
                maxReplicas: chance(50) ? nil : below(16))
        }
        var current: [String: Int64]? = chance(10) ? nil : [:]
        var estimated: [String: Int64] = [:]
        var limited: [String: Int64] = [:]
        for name in listed {
            if current != nil && chance(70) { current?[name] = chance(20) ? 0 : below(13) }
            if chance(35) { estimated[name] = chance(25) ? 0 : below(11) }
            if chance(20) { limited[name] = chance(25) ? 0 : below(13) }
        }
        var scheduled: [String: Int64]? = chance(15) ? nil : [:]
        let consistent = chance(60)
        for name in listed where scheduled != nil && chance(70) {
            let expected = estimated[name] ?? current?[name] ?? 0
            scheduled?[name] = consistent || chance(50) ? expected : below(13)
        }
        if unlistedKeys {
            for name in names(Int(1 + below(3)), prefix: "x") {
                if chance(20) { estimated[name] = below(6) }
                if chance(10) { limited[name] = below(6) }
                if chance(15) { current = (current ?? [:]).merging([name: below(6)]) { $1 } }
                if chance(30) {
                    let replicas = chance(60) ? estimated[name] ?? 0 : below(6)
                    scheduled = (scheduled ?? [:]).merging([name: replicas]) { $1 }
                }
            }
        }
        var total = below(Int64(3 * listed.count + 12))
        if let scheduled, chance(20) {
            total = 0
            for name in listed { total += min(scheduled[name] ?? 0, limited[name] ?? .max) }
        }
        return ReplicaDivisionInput(
            DivisionTerms(
                totalReplicas: total, estimatedCapacity: estimated, limitedCapacity: limited,
                scheduledReplicas: scheduled),
            clusters: clusters, currentReplicas: current)
    }

    /// A replicas-plugin input: static or dynamic weights, NoSchedule taints, placements without an
    /// override, negative estimates, and current or scheduled entries for unselected clusters.
    mutating func pluginInput() -> ReplicasPluginInput {
        let selected = names(clusterCount())
        let unselected = chance(30) ? names(Int(1 + below(2)), prefix: "x") : []
        let clusters = selected.map { name in
            ReplicasPluginCluster(
                name: name, hasUntoleratedNoScheduleTaint: chance(15), allocatable: chance(20) ? 0 : below(64),
                available: chance(20) ? 0 : below(64))
        }
        let dynamic = chance(30)
        var weights: [String: Int64] = [:]
        var minimums: [String: Int64] = [:]
        var maximums: [String: Int64] = [:]
        var current: [String: CurrentReplicas] = [:]
        var estimated: [String: Int64] = [:]
        var limited: [String: Int64] = [:]
        var scheduled: [String: Int64]? = chance(15) ? nil : [:]
        for name in selected + unselected {
            if !dynamic && chance(85) { weights[name] = below(100) }
            if chance(30) { minimums[name] = below(5) }
            if chance(30) { maximums[name] = below(16) }
            if chance(65) { current[name] = chance(10) ? .noOverride : .count(below(13)) }
            if chance(30) { estimated[name] = chance(15) ? -1 - below(3) : below(11) }
            if chance(15) { limited[name] = below(13) }
            if scheduled != nil && chance(70) {
                let running: Int64? = switch current[name] {
                case .count(let replicas): replicas
                case .noOverride, nil: nil
                }
                scheduled?[name] = chance(60) ? estimated[name].flatMap { $0 >= 0 ? $0 : nil } ?? running ?? 0 : below(13)
            }
        }
        let terms = DivisionTerms(
            totalReplicas: below(Int64(3 * selected.count + 12)), estimatedCapacity: estimated,
            limitedCapacity: limited, scheduledReplicas: scheduled, replicaSetKey: chance(50) ? "" : "ns/w\(below(100))",
            avoidDisruption: chance(50), keepUnschedulableReplicas: chance(50))
        return ReplicasPluginInput(
            terms, clusters: clusters, weights: weights, minReplicas: minimums, maxReplicas: maximums,
            currentClusters: current)
    }
}

/// The two forms of one division, for comparing the planners' entry points.
extension ReplicaDivisionInput {
    /// The indexed form, for an input whose maps name only listed clusters.
    var indexed: IndexedDivisionInput {
        IndexedDivisionInput(
            totalReplicas: terms.totalReplicas,
            clusters: clusters.map { preference in
                IndexedCluster(
                    preference: preference, currentReplicas: currentReplicas?[preference.name],
                    estimatedCapacity: terms.estimatedCapacity[preference.name],
                    limitedCapacity: terms.limitedCapacity[preference.name],
                    scheduledReplicas: terms.scheduledReplicas?[preference.name])
            },
            replicaSetKey: terms.replicaSetKey, avoidDisruption: terms.avoidDisruption,
            keepUnschedulableReplicas: terms.keepUnschedulableReplicas)
    }
}

extension IndexedDivisionInput {
    /// The keyed form: absent values are absent keys.
    var keyed: ReplicaDivisionInput {
        func map(_ value: (IndexedCluster) -> Int64?) -> [String: Int64] {
            var result: [String: Int64] = [:]
            for cluster in clusters { if let v = value(cluster) { result[cluster.preference.name] = v } }
            return result
        }
        return ReplicaDivisionInput(
            DivisionTerms(
                totalReplicas: totalReplicas, estimatedCapacity: map(\.estimatedCapacity),
                limitedCapacity: map(\.limitedCapacity), scheduledReplicas: map(\.scheduledReplicas),
                replicaSetKey: replicaSetKey, avoidDisruption: avoidDisruption,
                keepUnschedulableReplicas: keepUnschedulableReplicas),
            clusters: clusters.map(\.preference), currentReplicas: map(\.currentReplicas))
    }
}
