import Foundation
import Testing

@testable import FlotillaCLI

/// The scenario's part D: "with `avoidDisruption: true` and `keepUnschedulableReplicas: false`,
/// unschedulable replicas are not kept and do not come back", walked on the simulated federation
/// with part A's steps.
@Suite("demo: part D, replicas neither kept nor brought back", .timeLimit(.minutes(3)))
struct DemoStrictPolicyTests {
    /// Part A's steps under fed-pp-weight with avoidDisruption on and the pending replicas not
    /// kept. Worked out from kubeadmiral-planner.md §1.3-1.4: up to A3 the scale-ups add to each
    /// cluster its deficit, as in part A. After 2m both VKE clusters' estimates are 6; the
    /// overflow is trimmed (ACK-POC can absorb it) so VKE-POC1/2 are cut to 6 and their pending
    /// pods go, and scale-up gives ACK-POC the 4. When the elastic limit rises nothing moves back:
    /// the current layout's total equals the desired total, and avoidDisruption keeps it.
    static let part = DemoPart(
        title: "D. fed-pp-weight with avoidDisruption: true, keepUnschedulableReplicas: false",
        workloadFile: "deployment-strict.yaml",
        steps: [
            DemoStep("D1", "apply, replicas 10", .apply, [.init(2, 2, 0), .init(2, 2, 0), .init(2, 0, 0)]),
            DemoStep("D2", "scale 10 -> 15", .scale(15), [.init(2, 2, 2), .init(2, 2, 2), .init(2, 1, 0)]),
            DemoStep("D3", "scale 15 -> 20", .scale(20), [.init(2, 2, 2, 2), .init(2, 2, 2, 2), .init(2, 2, 0)]),
            DemoStep("D4", "after 2m", .waitUnschedulable, [.init(2, 2, 2), .init(2, 2, 2), .init(2, 2, 4)]),
            DemoStep(
                "D5", "elastic max 2 -> 4 in VKE-POC1/2", .setElasticMax(4, clusters: [0, 1]),
                [.init(2, 2, 2), .init(2, 2, 2), .init(2, 2, 4)]),
        ])

    @Test("the pending replicas are dropped after 2m, and do not come back when capacity returns")
    func strictPolicy() async throws {
        let directory = try Self.scenarioWithStrictPolicy()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try await withSimulatedFederation(scenarioDirectory: directory) { _, runner in
            try await runner.resetMembers()
            for step in Self.part.steps {
                #expect(try await runner.walk(step, of: Self.part) == step.expected, "\(step.id)")
            }
        }
    }

    /// The scenario's files plus `fed-pp-weight-strict` (fed-pp-weight with the two flags
    /// flipped) in `policies.yaml`, and `deployment-strict.yaml` bound to it.
    static func scenarioWithStrictPolicy() throws -> String {
        let source = DemoCommandTests.path("config/scenario")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("flotilla-part-d-\(UUID())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        func read(_ name: String) throws -> String {
            try String(contentsOfFile: (source as NSString).appendingPathComponent(name), encoding: .utf8)
        }
        func write(_ name: String, _ text: String) throws {
            try text.write(toFile: (directory as NSString).appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let policies = try read("policies.yaml")
        let weighted = try #require(policies.components(separatedBy: "\n---\n").first { $0.contains("name: fed-pp-weight\n") })
        let strict = weighted.replacingOccurrences(of: "name: fed-pp-weight\n", with: "name: fed-pp-weight-strict\n")
            .replacingOccurrences(of: "avoidDisruption: false", with: "avoidDisruption: true")
            .replacingOccurrences(of: "keepUnschedulableReplicas: true", with: "keepUnschedulableReplicas: false")
        #expect(strict.contains("avoidDisruption: true") && strict.contains("keepUnschedulableReplicas: false"))
        try write("policies.yaml", policies + "\n---\n" + strict)
        try write(
            "deployment-strict.yaml",
            try read("deployment-weight.yaml").replacingOccurrences(
                of: "propagation-policy-name: fed-pp-weight", with: "propagation-policy-name: fed-pp-weight-strict"))
        return directory
    }
}
