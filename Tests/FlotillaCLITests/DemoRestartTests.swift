import KubeClient
import Testing

@testable import FlotillaCLI

/// A controller restart in the middle of the reference scenario, on the simulated federation:
/// at A3 pods are pending in cloud A and auto-migration has a threshold crossing armed. The
/// restarted controllers must write nothing, and must still move the overflow at A4.
@Suite("demo: a restart mid-scenario", .timeLimit(.minutes(3)))
struct DemoRestartTests {
    @Test("restarting the controllers at A3 writes nothing, and A4 still moves the overflow to ACK-POC")
    func restartAtA3() async throws {
        try await withSimulatedFederation { federation, runner in
            try await runner.resetMembers()
            let part = DemoScript.weighted
            for step in part.steps.prefix(3) {
                #expect(try await runner.walk(step, of: part) == step.expected, "\(step.id)")
            }

            let before = await federation.serverVersions()
            let old = await federation.controllers.current.workloads
            await federation.controllers.restart()
            let restarted = await federation.controllers.current.workloads
            #expect(restarted.queue !== old.queue, "the controllers were not replaced")
            // The new controller has looked at the workload (its caches filled, the key handed
            // out) and everything has settled again.
            while await restarted.queue.stats().handedOut == 0 { try await Task.sleep(for: .milliseconds(10)) }
            try await runner.settle()
            let after = await federation.serverVersions()
            if after != before {
                let changes = try await Self.changes(in: federation, since: before)
                Issue.record("the restarted controllers wrote something: \(changes.joined(separator: "; "))")
            }

            // The threshold the first controller armed is armed again by the second: A4 follows.
            let a4 = part.steps[3]
            #expect(try await runner.walk(a4, of: part) == a4.expected, "A4 after the restart")
        }
    }

    /// The objects each server wrote after `versions` (one per server, host first), to say what
    /// the restart wrote.
    static func changes(in federation: SimulatedFederation, since versions: [String]) async throws -> [String] {
        let apis = [("host", federation.hostAPI)] + federation.members.map { ($0.config.displayName, $0.api) }
        let resources: [KubeClient.APIResource] = [.deployments, .events, .federatedClusters, .pods, .replicaSets, .nodes]
        var changes: [String] = []
        for ((server, api), version) in zip(apis, versions) {
            let since = Int(version) ?? 0
            for resource in resources {
                guard let items = try? await api.list(resource).items else { continue }
                for item in items where Int(item[path: ["metadata", "resourceVersion"]]?.stringValue ?? "") ?? 0 > since {
                    let name = item[path: ["metadata", "name"]]?.stringValue ?? "?"
                    changes.append("\(server) \(resource.name)/\(name): \(item["status"]?.jsonString.prefix(400) ?? "")")
                }
            }
        }
        return changes
    }
}
