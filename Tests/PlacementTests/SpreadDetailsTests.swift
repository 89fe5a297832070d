@testable import Placement
import Testing

/// Details of Spread that the upstream fixtures do not exercise (kubeadmiral-planner.md §1).
@Suite("Spread details")
struct SpreadDetailsTests {
    @Test("The order hash is FNV-1, not FNV-1a, over the cluster name followed by the key")
    func hashIsFNV1() {
        #expect(SpreadOrderHash.hash(clusterName: "", replicaSetKey: "") == 0x811C_9DC5)
        #expect(SpreadOrderHash.hash(clusterName: "a", replicaSetKey: "") == 0x050C_5D7E)
        #expect(SpreadOrderHash.hash(clusterName: "foo", replicaSetKey: "bar") == 0x31F0_B262)
        #expect(["A", "B", "C"].map { SpreadOrderHash.hash(clusterName: $0, replicaSetKey: "") }
            == [84_696_414, 84_696_413, 84_696_412])
    }

    @Test("One replica over four equal clusters goes to the one with the lowest hash")
    func singleReplicaFollowsTheHash() {
        let clusters = ["A", "B", "C", "D"].map { ClusterPreference(name: $0, weight: 1) }
        let division = SpreadPlanner.plan(ReplicaDivisionInput(DivisionTerms(totalReplicas: 1), clusters: clusters))
        #expect(division.planByCluster == ["A": 0, "B": 0, "C": 0, "D": 1])
    }

    @Test("A cluster without its own entry or a wildcard gets no key at all")
    func unlistedClusterIsAbsent() {
        let table = ReplicaPreferenceTable(["A": ReplicaPreferenceValues(weight: 1)])
        let division = SpreadPlanner.plan(ReplicaDivisionInput(
            DivisionTerms(totalReplicas: 3), clusters: table.spreadPreferences(for: ["A", "B"])))
        #expect(division.planByCluster == ["A": 3])
    }

    @Test("A maximum inherited from the wildcard does not bound scale-up, while the cluster's own one does")
    func wildcardMaximumIsInvisibleToScaleUp() {
        let values = ReplicaPreferenceValues(weight: 0, minReplicas: 10, maxReplicas: 5)
        func plan(_ table: ReplicaPreferenceTable) -> [String: Int64] {
            SpreadPlanner.plan(ReplicaDivisionInput(
                DivisionTerms(totalReplicas: 30, avoidDisruption: true, keepUnschedulableReplicas: true),
                clusters: table.spreadPreferences(for: ["A", "B"]), currentReplicas: ["A": 0, "B": 0])
            ).planByCluster
        }
        #expect(plan(ReplicaPreferenceTable(["*": values])) == ["A": 10, "B": 10])
        #expect(plan(ReplicaPreferenceTable(["A": values, "B": values])) == ["A": 5, "B": 5])
    }

    @Test("The indexed fast path agrees with the dictionary form", arguments: [3, 10, 31, 64])
    func indexedPathAgrees(clusterCount: Int) {
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15 &* UInt64(clusterCount)
        func next(_ bound: Int64) -> Int64 {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int64((seed >> 33) % UInt64(bound))
        }
        for round in 0..<200 {
            let clusters = (0..<clusterCount).map { i in
                IndexedCluster(
                    preference: ClusterPreference(
                        name: "member-\(i)-\(next(1000))", weight: next(4) == 0 ? 0 : next(50),
                        minReplicas: next(3) == 0 ? next(4) : 0, maxReplicas: next(4) == 0 ? next(30) : nil),
                    currentReplicas: next(2) == 0 ? next(40) : nil,
                    estimatedCapacity: next(5) == 0 ? next(20) : nil,
                    limitedCapacity: next(9) == 0 ? next(25) : nil)
            }
            let indexed = IndexedDivisionInput(
                totalReplicas: next(300), clusters: clusters, replicaSetKey: "ns-\(round)/workload",
                avoidDisruption: next(2) == 0, keepUnschedulableReplicas: next(2) == 0)
            let shares = SpreadPlanner.plan(indexed)
            let division = SpreadPlanner.plan(indexed.keyed)
            #expect(shares.map(\.planned) == division.plan.map(\.replicas))
            var overflow: [String: Int64] = [:]
            for (cluster, share) in zip(clusters, shares) where share.overflow > 0 {
                overflow[cluster.preference.name] = share.overflow
            }
            #expect(division.overflowByCluster == overflow)
        }
    }

    @Test("The order hash of a long key is the same whether computed alone or in lockstep")
    func lockstepHashMatches() {
        let names = (0..<40).map { "cluster-\($0 * 7919)" }
        let key = "some-namespace/a-rather-long-workload-name"
        var states = names.map { Int64(SpreadOrderHash.prefixState(of: $0)) }
        states.withUnsafeMutableBufferPointer {
            SpreadOrderHash.appendKey(key, toStates: $0.baseAddress!, count: $0.count)
        }
        #expect(states == names.map { Int64(SpreadOrderHash.hash(clusterName: $0, replicaSetKey: key)) })
    }
}

/// The allocation-free sorts behind Spread's order (kubeadmiral-planner.md §1.1).
@Suite("Cluster ordering")
struct ClusterOrderingTests {
    @Test("Every sorting path orders by weight descending, then hash, then position", arguments: [2, 9, 17, 40, 49, 200, 700])
    func sortPathsAgree(count: Int) {
        var seed: UInt64 = UInt64(count) &* 0x2545_F491_4F6C_DD1D
        func next() -> UInt64 {
            seed ^= seed << 13
            seed ^= seed >> 7
            seed ^= seed << 17
            return seed
        }
        for weightRange in [Int64(3), 1000, 40_000, 1 << 33] {
            let weight = (0..<count).map { _ in Int64(next() % UInt64(weightRange)) }
            // Few distinct hashes, so that ties on weight and hash happen and position must decide.
            let hash = (0..<count).map { _ in Int64(next() % 5) * 0x3333_3333 }
            let expected: [Int64] = (0..<count).sorted { (a: Int, b: Int) -> Bool in
                if weight[a] != weight[b] { return weight[a] > weight[b] }
                if hash[a] != hash[b] { return hash[a] < hash[b] }
                return a < b
            }.map { Int64($0) }
            var order: [Int64] = (0..<count).map { Int64($0) }
            var keys = [Int64](repeating: 0, count: count)
            var scratch = [Int64](repeating: 0, count: count)
            order.withUnsafeMutableBufferPointer { order in
                keys.withUnsafeMutableBufferPointer { keys in
                    scratch.withUnsafeMutableBufferPointer { scratch in
                        ClusterOrdering.sortSpreadOrder(
                            order.baseAddress!, count: count, weight: weight, hash: hash, keys: keys.baseAddress!,
                            scratch: scratch.baseAddress!)
                    }
                }
            }
            #expect(order == expected, "weights below \(weightRange)")
        }
    }
}

@Suite("Invariant division")
struct InvariantDivisionTests {
    @Test("Division through the reciprocal always equals truncating division")
    func matchesTruncatingDivision() {
        var seed: UInt64 = 0xDEAD_BEEF
        func next() -> UInt64 {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return seed
        }
        let divisors: [Int64] = [1, 2, 3, 7, 10, 100, 999, 1000, 65_537, 1 << 31, (1 << 52) - 1, 1 << 52, Int64.max]
        for divisor in divisors + (0..<200).map({ _ in Int64(next() >> UInt64(1 + next() % 62)) | 1 }) {
            let fast = InvariantDivisor(divisor)
            var numerators: [Int64] = [0, 1, divisor - 1, divisor, divisor &+ 1, (1 << 52) - 1, 1 << 52, -1, -divisor, Int64.max, Int64.min + 1]
            for _ in 0..<200 { numerators.append(Int64(bitPattern: next()) >> Int64(next() % 63)) }
            for k in 1..<64 where divisor <= Int64.max / Int64(k) { numerators.append(divisor * Int64(k) - 1) }
            for numerator in numerators {
                #expect(fast.quotient(of: numerator) == numerator / divisor, "\(numerator) / \(divisor)")
            }
        }
    }
}
