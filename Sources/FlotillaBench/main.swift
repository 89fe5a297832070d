// FlotillaBench: nanoseconds and heap allocations per replica-division decision, then the client's
// throughput (`make bench`).
//
// Workloads are synthetic and deterministic (a seeded SplitMix64, no system randomness): realistic
// 21-character cluster names, a mix of weights, minimums and maximums, current replicas on most clusters,
// capacity estimates on some, avoidDisruption on. Scheduled counts agree with the estimates, so Binpack
// plans rather than defers (kubeadmiral-planner.md §2 step 1). Each configuration cycles over a pool of
// distinct inputs so the branch predictor cannot learn a single one, runs ~0.3 s in total, and reports the
// median of its runs. Rows: the indexed fast paths (`into:` a reused buffer, and into a new array), the
// name-keyed planners, and the replicas plugins' `division`, which the placement engine calls.
#if canImport(Glibc)
import Glibc
#endif
import CMallocCounter
import Placement
import SeededRandom

// The federation controller benchmark (Federation/FederationBench.swift) and its child processes.
await FederationBench.runIfRequested()

/// One generated decision, in each input form.
struct Workload {
    var indexed: IndexedDivisionInput
    var keyed: ReplicaDivisionInput
    var plugin: ReplicasPluginInput
}

func makeWorkloads(clusterCount: Int, poolSize: Int, seed: UInt64) -> [Workload] {
    var random = SplitMix64(seed: seed)
    let alphabet = Array("0123456789abcdefghijklmnopqrstuv".utf8)
    let names = (0..<clusterCount).map { _ in
        "cclt" + String(decoding: (0..<17).map { _ in alphabet[Int(random.below(32))] }, as: UTF8.self)
    }
    return (0..<poolSize).map { workload in
        let total = Int64(clusterCount) * (2 + random.below(6)) + random.below(10)
        var clusters = names.map { name in
            IndexedCluster(
                preference: ClusterPreference(
                    name: name, weight: 1 + random.below(100), minReplicas: random.chance(30) ? 1 + random.below(2) : 0,
                    maxReplicas: random.chance(20) ? 4 + random.below(20) : nil),
                currentReplicas: random.chance(70) ? random.below(12) : nil,
                estimatedCapacity: random.chance(15) ? random.below(6) : nil,
                limitedCapacity: random.chance(5) ? random.below(10) : nil)
        }
        // What auto-migration reports once every replica's status is known: the estimate, else the current count.
        for i in clusters.indices {
            clusters[i].scheduledReplicas = clusters[i].currentReplicas.map { clusters[i].estimatedCapacity ?? $0 }
        }
        func keyed(_ value: (IndexedCluster) -> Int64?) -> [String: Int64] {
            var result: [String: Int64] = [:]
            for cluster in clusters { if let v = value(cluster) { result[cluster.preference.name] = v } }
            return result
        }
        let key = "default/fed-dp-gpu-\(workload)"
        let indexed = IndexedDivisionInput(
            totalReplicas: total, clusters: clusters, replicaSetKey: key, avoidDisruption: true,
            keepUnschedulableReplicas: random.chance(50))
        let current = keyed(\.currentReplicas)
        let terms = DivisionTerms(
            totalReplicas: total, estimatedCapacity: keyed(\.estimatedCapacity), limitedCapacity: keyed(\.limitedCapacity),
            scheduledReplicas: keyed(\.scheduledReplicas), replicaSetKey: key, avoidDisruption: true,
            keepUnschedulableReplicas: random.chance(50))
        return Workload(
            indexed: indexed,
            keyed: ReplicaDivisionInput(terms, clusters: clusters.map(\.preference), currentReplicas: current),
            plugin: ReplicasPluginInput(
                terms, clusters: names.map { ReplicasPluginCluster(name: $0) }, weights: keyed(\.preference.weight),
                minReplicas: keyed { $0.preference.minReplicas == 0 ? nil : $0.preference.minReplicas },
                maxReplicas: keyed(\.preference.maxReplicas), currentClusters: current.mapValues(CurrentReplicas.count)))
    }
}

struct Measurement {
    /// Wall time per decision (`ContinuousClock`), median of the runs: the figure the targets apply to.
    var nanosecondsPerDecision: Double
    /// This thread's CPU time per decision, median of the runs: the same work without time spent
    /// descheduled, which shows how much of the wall figure is other processes' load on a shared machine.
    var cpuNanosecondsPerDecision: Double
    var allocationsPerDecision: Double
}

/// This thread's CPU time in nanoseconds.
func threadCPUNanoseconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) * 1e9 + Double(time.tv_nsec)
}

/// Runs `decide` over the pool: calibrates to ~50 ms per run, then takes the median of 6 runs.
/// Inputs are borrowed in place, so the harness adds no copies or reference counting of its own.
func measure(pool: [Workload], _ decide: (UnsafePointer<Workload>) -> Int64) -> (Measurement, Int64) {
    var checksum: Int64 = 0
    func run(_ iterations: Int) -> Duration {
        pool.withUnsafeBufferPointer { workloads in
            let clock = ContinuousClock()
            let start = clock.now
            var index = 0
            for _ in 0..<iterations {
                checksum &+= decide(workloads.baseAddress! + index)
                index = index + 1 == workloads.count ? 0 : index + 1
            }
            return clock.now - start
        }
    }
    var iterations = 256
    while true {
        let elapsed = run(iterations)
        if elapsed >= .milliseconds(10) || iterations >= 1 << 28 {
            let perRun = Double(iterations) * 0.05 / seconds(elapsed)
            iterations = max(Int(perRun), 1)
            break
        }
        iterations *= 4
    }
    var samples: [Double] = []
    var cpuSamples: [Double] = []
    var allocations: Double = 0
    for _ in 0..<6 {
        let before = flotilla_malloc_count()
        let cpuBefore = threadCPUNanoseconds()
        let elapsed = run(iterations)
        let cpuAfter = threadCPUNanoseconds()
        let after = flotilla_malloc_count()
        samples.append(seconds(elapsed) * 1e9 / Double(iterations))
        cpuSamples.append((cpuAfter - cpuBefore) / Double(iterations))
        allocations = Double(after - before) / Double(iterations)
    }
    func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return (sorted[2] + sorted[3]) / 2
    }
    return (
        Measurement(
            nanosecondsPerDecision: median(samples), cpuNanosecondsPerDecision: median(cpuSamples),
            allocationsPerDecision: allocations),
        checksum
    )
}

func seconds(_ duration: Duration) -> Double {
    let (whole, attoseconds) = duration.components
    return Double(whole) + Double(attoseconds) * 1e-18
}

func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
    let gap = String(repeating: " ", count: max(width - text.count, 0))
    return right ? gap + text : text + gap
}

func format(_ value: Double, decimals: Int) -> String {
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let scaled = Int64((value * scale).rounded())
    if decimals == 0 { return String(scaled) }
    let whole = scaled / Int64(scale)
    let fraction = String(scaled % Int64(scale))
    return "\(whole)." + String(repeating: "0", count: decimals - fraction.count) + fraction
}

/// Targets from the issues: ns per decision at a cluster count. Binpack's is 10× faster than KubeAdmiral's
/// Go planner (about 10 µs at 10 clusters and 172 µs at 200).
let spreadTargets: [Int: Double] = [10: 1_600, 200: 23_000]
let binpackTargets: [Int: Double] = [10: 1_000, 200: 17_000]

struct Configuration {
    var name: String
    var target: (Int) -> Double?
    var decide: (UnsafePointer<Workload>) -> Int64
}

/// The result buffer the `into:` form reuses across decisions, as a controller loop would.
nonisolated(unsafe) var reusedShares: [ClusterShare] = []

/// A checksum of a keyed answer, so the work stays observable.
func digest(_ division: ReplicaDivision) -> Int64 {
    (division.plan.first?.replicas ?? 0) &+ Int64(division.overflow.count)
}

func digest(_ shares: [ClusterShare]) -> Int64 {
    shares.isEmpty ? 0 : shares[0].written &+ Int64(shares.count)
}

let configurations = [
    Configuration(name: "Spread, indexed", target: { spreadTargets[$0] }) { workload in
        SpreadPlanner.plan(workload.pointee.indexed, into: &reusedShares)
        return digest(reusedShares)
    },
    Configuration(name: "Spread, indexed→new", target: { _ in nil }) { workload in
        digest(SpreadPlanner.plan(workload.pointee.indexed))
    },
    Configuration(name: "Spread, keyed", target: { _ in nil }) { workload in
        digest(SpreadPlanner.plan(workload.pointee.keyed))
    },
    Configuration(name: "Spread, plugin", target: { _ in nil }) { workload in
        digest(ClusterCapacityWeightPlugin.division(workload.pointee.plugin))
    },
    Configuration(name: "Binpack, indexed", target: { binpackTargets[$0] }) { workload in
        BinpackPlanner.plan(workload.pointee.indexed, into: &reusedShares)
        return digest(reusedShares)
    },
    Configuration(name: "Binpack, keyed", target: { _ in nil }) { workload in
        digest(BinpackPlanner.plan(workload.pointee.keyed))
    },
    Configuration(name: "Binpack, plugin", target: { _ in nil }) { workload in
        digest(PreferenceBinPackPlugin.division(workload.pointee.plugin))
    },
]

print("FlotillaBench: replica division, release build, median of 6 runs of ~50 ms each per row")
print("")
let header = pad("planner", 20) + pad("clusters", 10, right: true) + pad("ns/decision", 14, right: true)
    + pad("cpu ns", 10, right: true) + pad("allocs/decision", 17, right: true) + pad("target ns", 12, right: true) + "  status"
print(header)
print(String(repeating: "-", count: header.count))
var checksum: Int64 = 0
var missed = 0
// Optional arguments narrow the run, e.g. `FlotillaBench indexed 200` (for profiling).
let filters = CommandLine.arguments.dropFirst()
let nameFilters = filters.filter { Int($0) == nil }
let countFilters = filters.compactMap { Int($0) }
for configuration in configurations
where nameFilters.isEmpty || nameFilters.contains(where: { configuration.name.contains($0) }) {
    for clusterCount in [3, 10, 50, 200] where countFilters.isEmpty || countFilters.contains(clusterCount) {
        let pool = makeWorkloads(clusterCount: clusterCount, poolSize: 64, seed: 0xF107_111A &+ UInt64(clusterCount))
        let (measurement, sum) = measure(pool: pool, configuration.decide)
        checksum &+= sum
        var targetText = "-"
        var status = ""
        if let target = configuration.target(clusterCount) {
            targetText = format(target, decimals: 0)
            let met = measurement.nanosecondsPerDecision < target
            status = met ? "  met" : "  MISSED"
            if !met { missed += 1 }
        }
        print(pad(configuration.name, 20) + pad(String(clusterCount), 10, right: true)
            + pad(format(measurement.nanosecondsPerDecision, decimals: 1), 14, right: true)
            + pad(format(measurement.cpuNanosecondsPerDecision, decimals: 1), 10, right: true)
            + pad(format(measurement.allocationsPerDecision, decimals: 2), 17, right: true)
            + pad(targetText, 12, right: true) + status)
    }
}
print("")
print("ns/decision: ContinuousClock; cpu ns: thread CPU time. Targets apply to ns/decision.")
var loads = [Double](repeating: 0, count: 3)
if getloadavg(&loads, 3) == 3 {
    print("load average now: \(format(loads[0], decimals: 2)) (other processes inflate ns/decision, not cpu ns)")
}
print("checksum \(checksum) (keeps the work observable); targets missed: \(missed)")

// The client's throughput (ClientBenchmarks.swift); a cluster-count filter is for the planner only.
if countFilters.isEmpty { await runClientBenchmarks(filters: Array(nameFilters)) }
