import Foundation
import KubeClient

/// Runs the controller benchmark at each size, each in a process of its own, and prints the
/// tables: cold start against the targets, where the time goes, the cost of a cluster
/// status change, and policy-change latency.
enum FederationTable {
    /// The targets: 10,000 workloads × 10 members converged in under 30 s on 2 cores,
    /// peak RSS under 150 MB, policy change → member write p99 under 100 ms.
    static let convergeTargets: [Int: Double] = [10_000: 30]
    static let peakResidentTargetMB = 150.0
    static let latencyTargetP99Milliseconds = 100.0

    /// Returns whether every run finished (targets missed or not).
    static func run(sizes: [Int], workers: Int, samples: Int) async -> Bool {
        print("FlotillaBench: federation controller, release build, 10 simulated members (API servers in a child process), \(workers) workers")
        var results: [FederationRunResult] = []
        for size in sizes {
            fflush(nil)
            guard let result = await runProcess(workloads: size, samples: samples, workers: workers) else { return false }
            results.append(result)
        }
        var missed = 0
        print("")
        missed += printColdStart(results)
        print("")
        printBreakdown(results)
        print("")
        printResync(results)
        print("")
        missed += printLatency(results)
        print("")
        var loads = [Double](repeating: 0, count: 3)
        if getloadavg(&loads, 3) == 3 {
            print("load average now: \(format(loads[0], decimals: 2)) (other processes lengthen the wall times, not the CPU figures)")
        }
        print("targets missed: \(missed)")
        return true
    }

    /// Starts `FlotillaBench --federation-run …` and reads its result line.
    private static func runProcess(workloads: Int, samples: Int, workers: Int) async -> FederationRunResult? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: BenchExecutable.path)
        process.arguments = [
            FederationRun.flag, String(workloads), "--samples", String(samples), "--workers", String(workers),
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = FileHandle.nullDevice
        do { try ProcessLaunch.run(process) } catch {
            print("could not start the benchmark's run process: \(error)")
            return nil
        }
        var result: FederationRunResult?
        for await line in LineStream.lines(of: output.fileHandleForReading) where line.hasPrefix("result ") {
            result = try? JSONDecoder().decode(FederationRunResult.self, from: Data(line.dropFirst("result ".count).utf8))
        }
        if result == nil { print("the run with \(workloads) workloads failed (see its messages above)") }
        return result
    }

    private static func printColdStart(_ results: [FederationRunResult]) -> Int {
        print("cold start → converged (every member holds every workload with its planned replicas, queue idle)")
        let header = pad("workloads", 10, right: true) + pad("converge s", 12, right: true) + pad("target s", 10, right: true)
            + pad("member writes", 15, right: true) + pad("host writes", 13, right: true)
            + pad("peak RSS MB", 13, right: true) + pad("target MB", 11, right: true) + "  status"
        print(header)
        print(String(repeating: "-", count: header.count))
        var missed = 0
        for result in results {
            let target = convergeTargets[result.workloads]
            let rss = result.peakResidentBytes.map { Double($0) / 1_048_576 }
            var statuses: [String] = []
            if let target { statuses.append(result.convergeSeconds < target ? "time met" : "time MISSED") }
            if let rss { statuses.append(rss < peakResidentTargetMB ? "RSS met" : "RSS MISSED") }
            missed += statuses.filter { $0.hasSuffix("MISSED") }.count
            print(pad(String(result.workloads), 10, right: true)
                + pad(format(result.convergeSeconds, decimals: 2), 12, right: true)
                + pad(target.map { format($0, decimals: 0) } ?? "-", 10, right: true)
                + pad(String(result.memberWrites), 15, right: true) + pad(String(result.hostWrites), 13, right: true)
                + pad(rss.map { format($0, decimals: 1) } ?? "-", 13, right: true)
                + pad(format(peakResidentTargetMB, decimals: 0), 11, right: true) + "  " + statuses.joined(separator: ", "))
        }
        return missed
    }

    /// Where the cold start's time went: reconciles, requests per reconcile and their mean
    /// time, CPU of the controller against that of the servers, the pure steps' share of a
    /// reconcile, and what the caches hold.
    private static func printBreakdown(_ results: [FederationRunResult]) {
        print("where the cold start's time goes")
        let header = pad("workloads", 10, right: true) + pad("sync s", 8, right: true) + pad("reconciles", 12, right: true)
            + pad("unchanged", 11, right: true) + pad("retries", 9, right: true) + pad("rec/s", 7, right: true)
            + pad("host req/rec", 14, right: true)
            + pad("member req/rec", 16, right: true) + pad("ms/req", 8, right: true)
            + pad("ctl CPU ms/rec", 16, right: true) + pad("ctl CPU s", 11, right: true) + pad("sims CPU s", 12, right: true)
        print(header)
        print(String(repeating: "-", count: header.count))
        for result in results {
            let reconciles = Double(max(result.reconciles.total, 1))
            let requests = result.hostRequests.totalRequests + result.memberRequests.totalRequests
            let requestSeconds = result.hostRequests.totalSeconds + result.memberRequests.totalSeconds
            print(pad(String(result.workloads), 10, right: true) + pad(format(result.syncSeconds, decimals: 2), 8, right: true)
                + pad(String(result.reconciles.total), 12, right: true)
                + pad(String(result.reconciles.unchanged), 11, right: true) + pad(String(result.reconciles.retried), 9, right: true)
                + pad(format(reconciles / result.convergeSeconds, decimals: 0), 7, right: true)
                + pad(format(Double(result.hostRequests.totalRequests) / reconciles, decimals: 2), 14, right: true)
                + pad(format(Double(result.memberRequests.totalRequests) / reconciles, decimals: 2), 16, right: true)
                + pad(format(requestSeconds * 1000 / Double(max(requests, 1)), decimals: 2), 8, right: true)
                + pad(result.controllerCPUSeconds.map { format($0 * 1000 / reconciles, decimals: 2) } ?? "-", 16, right: true)
                + pad(result.controllerCPUSeconds.map { format($0, decimals: 1) } ?? "-", 11, right: true)
                + pad(result.simsCPUSeconds.map { format($0, decimals: 1) } ?? "-", 12, right: true))
        }
        for result in results {
            let engine = result.engine
            print("  \(result.workloads): requests: host \(describe(result.hostRequests)); members \(describe(result.memberRequests))")
            print("  \(result.workloads): per reconcile, no I/O: decode \(format(engine.decodeSeconds * 1e6, decimals: 0)) µs"
                + " + schedule \(format(engine.scheduleSeconds * 1e6, decimals: 0)) µs"
                + " + member hashes \(format(engine.memberHashSeconds * 1e6, decimals: 0)) µs"
                + " = \(format(engine.totalSeconds * 1e3, decimals: 2)) ms;"
                + " one GET: \(format(result.request.cpuSeconds * 1e6, decimals: 0)) µs CPU here"
                + " (\(format(result.request.parseSeconds * 1e6, decimals: 0)) µs of it JSON),"
                + " \(format(result.request.wallSeconds * 1e6, decimals: 0)) µs wall")
        }
        if let last = results.last,
            let footprint = CacheFootprint.measure(hostJSON: last.sampleHostObject, memberJSON: last.sampleMemberObject)
        {
            let cachedMB = (Double(last.workloads) * footprint.hostResidentBytes
                + Double(last.workloads * last.members) * footprint.memberResidentBytes) / 1_048_576
            print("  \(last.workloads): cached: host workload \(kilobytes(Double(footprint.hostWireBytes))) KB JSON,"
                + " \(kilobytes(footprint.hostResidentBytes)) KB as a record × \(last.workloads);"
                + " member copy \(kilobytes(Double(footprint.memberWireBytes))) KB JSON,"
                + " \(kilobytes(footprint.memberResidentBytes)) KB as a record × \(last.workloads * last.members)"
                + " = \(format(cachedMB, decimals: 0)) MB")
        }
        print("ms/req: mean time from send to answer (requests overlap); CPU: user + system of the controller's")
        print("process and of the servers' child, during the cold start")
    }

    private static func kilobytes(_ bytes: Double) -> String { format(bytes / 1024, decimals: 1) }

    private static func describe(_ tally: CountingTransport.Tally) -> String {
        tally.requests.keys.sorted().map { "\($0) \(tally.requests[$0] ?? 0)" }.joined(separator: ", ")
    }

    private static func printResync(_ results: [FederationRunResult]) {
        print("one FederatedCluster status change (available GPUs; no placement changes) on the converged federation")
        let header = pad("workloads", 10, right: true) + pad("seconds", 9, right: true) + pad("reconciles", 12, right: true)
            + pad("host writes", 13, right: true) + pad("member writes", 15, right: true)
            + pad("ctl CPU ms/rec", 16, right: true) + pad("ctl CPU s", 11, right: true) + pad("sims CPU s", 12, right: true)
        print(header)
        print(String(repeating: "-", count: header.count))
        for result in results {
            guard let resync = result.resync else { continue }
            print(pad(String(result.workloads), 10, right: true) + pad(format(resync.seconds, decimals: 2), 9, right: true)
                + pad(String(resync.reconciles), 12, right: true) + pad(String(resync.hostWrites), 13, right: true)
                + pad(String(resync.memberWrites), 15, right: true)
                + pad(resync.controllerCPUSeconds.map { format($0 * 1000 / Double(max(resync.reconciles, 1)), decimals: 2) } ?? "-", 16, right: true)
                + pad(resync.controllerCPUSeconds.map { format($0, decimals: 1) } ?? "-", 11, right: true)
                + pad(resync.simsCPUSeconds.map { format($0, decimals: 1) } ?? "-", 12, right: true))
        }
        print("a status heartbeat (available GPUs moving) reconciles nothing: only changes to what placement reads queue the workloads")
    }

    private static func printLatency(_ results: [FederationRunResult]) -> Int {
        print("policy change → member write (host PATCH answered → member watch event), on the converged federation")
        let header = pad("workloads", 10, right: true) + pad("samples", 9, right: true) + pad("first p50", 11, right: true)
            + pad("p99", 8, right: true) + pad("max", 8, right: true) + pad("settled p50", 13, right: true)
            + pad("p99", 8, right: true) + pad("target p99", 12, right: true) + "  status"
        print(header)
        print(String(repeating: "-", count: header.count))
        var missed = 0
        for result in results {
            guard let latency = result.latency, !latency.firstMilliseconds.isEmpty else { continue }
            let first = Percentiles(latency.firstMilliseconds)
            let settled = Percentiles(latency.settledMilliseconds)
            let met = first.p99 < latencyTargetP99Milliseconds
            if !met { missed += 1 }
            print(pad(String(result.workloads), 10, right: true) + pad(String(first.count), 9, right: true)
                + pad(format(first.p50, decimals: 1), 11, right: true) + pad(format(first.p99, decimals: 1), 8, right: true)
                + pad(format(first.max, decimals: 1), 8, right: true) + pad(format(settled.p50, decimals: 1), 13, right: true)
                + pad(format(settled.p99, decimals: 1), 8, right: true)
                + pad(format(latencyTargetP99Milliseconds, decimals: 0), 12, right: true) + (met ? "  met" : "  MISSED"))
        }
        print("ms; first: the first MODIFIED on any member; settled: the change's last member event")
        return missed
    }
}

/// Nearest-rank percentiles of a sample.
struct Percentiles {
    let count: Int
    let p50: Double
    let p99: Double
    let max: Double

    init(_ values: [Double]) {
        let sorted = values.sorted()
        func rank(_ fraction: Double) -> Double {
            guard !sorted.isEmpty else { return 0 }
            let index = Int((fraction * Double(sorted.count)).rounded(.up)) - 1
            return sorted[Swift.max(0, Swift.min(index, sorted.count - 1))]
        }
        count = sorted.count
        p50 = rank(0.5)
        p99 = rank(0.99)
        max = sorted.last ?? 0
    }
}
