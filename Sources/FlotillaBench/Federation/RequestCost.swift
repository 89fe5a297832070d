import KubeClient
import KubeObjects

/// What one request costs the controller's process, apart from the server: CPU and wall time per
/// GET of one member copy (0.7 KB), sent one after another on an idle federation through a
/// client like the controller's (libcurl loop, JSON decoding of the answer).
///
/// The cold start's writes cost at least this each, plus encoding their bodies; every write also
/// comes back through a watch as an event to decode and cache.
struct RequestCost: Sendable, Codable {
    var cpuSeconds: Double
    var wallSeconds: Double
    /// Of `cpuSeconds`: parsing the answer's JSON into a `JSONValue`.
    var parseSeconds: Double

    static func measure(api: KubeAPI, name: String, requests: Int = 1000) async throws -> RequestCost {
        let text = try await api.get(.deployments, namespace: FederationFixture.namespace, name: name).jsonString
        let clock = ContinuousClock()
        let cpuBefore = ProcessMetrics.cpuSeconds()
        let start = clock.now
        for _ in 0..<requests {
            _ = try await api.get(.deployments, namespace: FederationFixture.namespace, name: name)
        }
        let elapsed = clock.now - start
        guard let cpuBefore, let cpuAfter = ProcessMetrics.cpuSeconds() else {
            throw BenchError("this process's CPU time cannot be read")
        }
        // Thread CPU time: the loop never suspends, so it stays on one thread.
        let parseStart = threadCPUNanoseconds()
        var parsed = 0
        for _ in 0..<requests where (try? JSONValue(parsing: text)) != nil { parsed += 1 }
        let parsing = (threadCPUNanoseconds() - parseStart) * 1e-9
        return RequestCost(
            cpuSeconds: (cpuAfter - cpuBefore) / Double(requests), wallSeconds: seconds(elapsed) / Double(requests),
            parseSeconds: parsing / Double(max(parsed, 1)))
    }
}
