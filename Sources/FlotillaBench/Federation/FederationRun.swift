import Federation
import Foundation
import KubeClient
import KubeObjects

/// What one run of the controller benchmark measured, passed from the run's process to the
/// table as one JSON line.
struct FederationRunResult: Sendable, Codable {
    var workloads: Int
    var members: Int
    var workers: Int
    /// From the controller's start until its host caches had listed everything.
    var syncSeconds: Double
    /// From the controller's start until converged (see `Convergence`).
    var convergeSeconds: Double
    /// Resource-version increases during the cold start, summed over the members / on the host.
    var memberWrites: Int64
    var hostWrites: Int64
    /// This process's `VmHWM` at convergence: the controller and the benchmark's driver only.
    var peakResidentBytes: Int?
    var controllerCPUSeconds: Double?
    var simsCPUSeconds: Double?
    var reconciles: ReconcileTally.Counts
    var hostRequests: CountingTransport.Tally
    var memberRequests: CountingTransport.Tally
    var request: RequestCost
    var engine: EngineCost
    /// One cached host workload and one member's copy of it, as JSON, for `CacheFootprint`.
    var sampleHostObject: String
    var sampleMemberObject: String
    var resync: ClusterResyncProbe.Result?
    var latency: PolicyLatencyProbe.Result?
}

/// One size of the controller benchmark, in a process of its own (`FlotillaBench
/// --federation-run N --samples S --workers W`), so that its peak RSS is this run's alone. It
/// prints `result <json>` on standard output; progress goes to standard error.
///
/// Cold start: the simulated servers (in a child) are seeded first; only then is the controller
/// created and started, and timed until converged. Then, on the converged federation: the
/// engine's share, the cost of a FederatedCluster status change, and policy-change latency.
enum FederationRun {
    static let flag = "--federation-run"
    static let warmups = 5

    static func run(workloads: Int, samples: Int, workers: Int) async throws -> FederationRunResult {
        let fixture = FederationFixture(workloads: workloads, samples: samples > 0 ? samples + warmups : 0)
        let clock = ContinuousClock()
        let launched = clock.now
        let sims = try await SimServersProcess.launch(count: fixture.memberCount + 1, fixture: fixture)
        progress("\(workloads) workloads: servers started and seeded in \(format(seconds(clock.now - launched), decimals: 1)) s")
        do {
            let result = try await measure(fixture: fixture, sims: sims, workers: workers)
            await sims.stop()
            return result
        } catch {
            await sims.stop()
            throw error
        }
    }

    private static func measure(fixture: FederationFixture, sims: SimServersProcess, workers: Int) async throws
        -> FederationRunResult
    {
        func transport(_ port: Int) -> CurlTransport {
            CurlTransport(server: ServerURL(scheme: .http, host: "127.0.0.1", port: port))
        }
        let hostTransport = CountingTransport(transport(sims.ports[0]))
        var memberTransports: [String: CountingTransport] = [:]
        for (index, cluster) in fixture.clusterNames.enumerated() {
            memberTransports[cluster] = CountingTransport(transport(sims.ports[index + 1]))
        }
        let tally = ReconcileTally()
        let controller = WorkloadController(
            host: KubeAPI(transport: hostTransport),
            clients: StaticMemberClients(memberTransports.mapValues { KubeAPI(transport: $0) }),
            clock: SystemClock(), observer: tally, report: { tally.record($0) })
        let convergence = Convergence(controller: controller, fixture: fixture)

        let before = try await sims.versions()
        let cpuBefore = ProcessMetrics.cpuSeconds()
        let simsCPUBefore = sims.cpuSeconds
        let clock = ContinuousClock()
        let start = clock.now
        let running = Task { await controller.run(workers: workers) }
        defer { running.cancel() }
        while !(await controller.caches.hasSynced) { try await Task.sleep(for: .milliseconds(5)) }
        let synced = clock.now - start
        progress("\(fixture.workloads) workloads: host caches synced after \(format(seconds(synced), decimals: 2)) s")
        try await convergence.wait()
        let converged = clock.now - start
        let after = try await sims.versions()
        let cpuAfter = ProcessMetrics.cpuSeconds()
        let simsCPUAfter = sims.cpuSeconds
        let peak = ProcessMetrics.peakResidentBytes()
        progress("\(fixture.workloads) workloads: converged after \(format(seconds(converged), decimals: 2)) s")

        var memberRequests = CountingTransport.Tally()
        for transport in memberTransports.values { memberRequests.add(transport.counts) }
        var result = FederationRunResult(
            workloads: fixture.workloads, members: fixture.memberCount, workers: workers,
            syncSeconds: seconds(synced), convergeSeconds: seconds(converged),
            memberWrites: zip(before.dropFirst(), after.dropFirst()).map { $1 - $0 }.reduce(0, +),
            hostWrites: (after.first ?? 0) - (before.first ?? 0), peakResidentBytes: peak,
            controllerCPUSeconds: difference(cpuAfter, cpuBefore), simsCPUSeconds: difference(simsCPUAfter, simsCPUBefore),
            reconciles: tally.current, hostRequests: hostTransport.counts, memberRequests: memberRequests,
            // The request first: right after the cold start, as the controller's requests were.
            request: try await RequestCost.measure(
                api: KubeAPI(transport: transport(sims.ports[1])), name: fixture.workloadName(fixture.workloads - 1)),
            engine: try await EngineCost.measure(controller: controller, fixture: fixture),
            sampleHostObject: try await cachedObject(controller.caches.deployments.store, fixture: fixture),
            sampleMemberObject: try await KubeAPI(transport: transport(sims.ports[1])).get(
                .deployments, namespace: FederationFixture.namespace, name: fixture.workloadName(fixture.workloads - 1)
            ).jsonString)

        // The probes' own host client: their requests are not the controller's.
        let probeHost = KubeAPI(transport: transport(sims.ports[0]))
        result.resync = try await ClusterResyncProbe(
            controller: controller, tally: tally, sims: sims, host: probeHost, fixture: fixture, convergence: convergence
        ).run()
        progress("\(fixture.workloads) workloads: cluster status change handled")
        if fixture.samples > 0 {
            var watchers: [String: KubeAPI] = [:]
            for (index, cluster) in fixture.clusterNames.enumerated() {
                watchers[cluster] = KubeAPI(transport: transport(sims.ports[index + 1]))
            }
            let probe = PolicyLatencyProbe(
                controller: controller, fixture: fixture, host: probeHost,
                watchers: watchers, convergence: convergence)
            result.latency = try await probe.run(warmups: warmups)
            progress("\(fixture.workloads) workloads: \(fixture.samples) policy changes sampled")
        }
        running.cancel()
        await running.value
        return result
    }

    /// The run's process: measures, prints the result line, exits.
    static func main(workloads: Int, samples: Int, workers: Int) async -> Never {
        do {
            let result = try await run(workloads: workloads, samples: samples, workers: workers)
            let json = try JSONEncoder().encode(result)
            print("result " + String(decoding: json, as: UTF8.self))
            CurlTransport.shutDownAll()
            exit(0)
        } catch {
            FileHandle.standardError.write(Data("federation bench, \(workloads) workloads: \(error)\n".utf8))
            CurlTransport.shutDownAll()
            exit(1)
        }
    }

    static func progress(_ line: String) {
        FileHandle.standardError.write(Data("  [federation] \(line)\n".utf8))
    }

    /// The last workload as cached, in JSON.
    private static func cachedObject(_ store: TypedStore<CachedWorkload>, fixture: FederationFixture) async throws
        -> String
    {
        let name = fixture.workloadName(fixture.workloads - 1)
        let cached = await store.snapshot().object(namespace: FederationFixture.namespace, name: name)
        guard let cached else { throw BenchError("\(name) is not in the controller's cache") }
        return try cached.object().jsonString
    }

    private static func difference(_ later: Double?, _ earlier: Double?) -> Double? {
        guard let later, let earlier else { return nil }
        return later - earlier
    }
}
