import Foundation
import Testing

/// `flotilla demo` end to end: the simulated federation walks the reference scenario on a
/// simulated clock, and every step's pods per cluster and pool are what the scenario says (or,
/// at the three steps where the walkthrough's table and KubeAdmiral's planner disagree, what the
/// planner says).
@Suite("flotilla demo", .timeLimit(.minutes(5)))
struct DemoCommandTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    @Test("the reference scenario: A1-A6 and B1-B8 on the simulated federation")
    func walksTheScenario() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let run = try sandbox.run([
            "demo", "--config", Self.path("config/demo/federation.yaml"),
            "--scenario-directory", Self.path("config/scenario"),
        ])
        #expect(run.status == 0, "\(run.stderr)\n\(run.stdout)")
        let verdicts = Dictionary(
            run.stdout.split(separator: "\n").compactMap { line -> (String, String)? in
                let parts = line.split(separator: " ", maxSplits: 1)
                guard let id = parts.first, id.count == 2, "AB".contains(id.first!), parts.count == 2 else { return nil }
                return (String(id), String(parts[1]))
            },
            uniquingKeysWith: { first, _ in first })
        for step in ["A1", "A2", "A3", "A4", "A5", "A6", "B1", "B2", "B3", "B6", "B8"] {
            #expect(verdicts[step]?.hasSuffix("[ok]") == true, "\(step): \(verdicts[step] ?? "missing")")
        }
        for step in ["B4", "B5", "B7"] {
            #expect(verdicts[step]?.contains("[ok: KubeAdmiral's planner") == true, "\(step): \(verdicts[step] ?? "missing")")
        }
        #expect(
            run.stdout.contains(
                "Summary: 14/14 steps as expected, 11 of them as the walkthrough's table; B4, B5, B7 as KubeAdmiral's planner"))
        // A4 as a person reads it: ACK-POC's post-paid pool took the 4 replicas cloud A could not run.
        let a4 = run.stdout.components(separatedBy: "A4  after 2m")[1].components(separatedBy: "A5")[0]
        #expect(a4.contains("ACK-POC   8 = 2+2+4             8 = 2+2+4"))
    }

    @Test("a missing configuration file exits 1 and names the file")
    func missingConfiguration() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let run = try sandbox.run(["demo", "--config", "nowhere/federation.yaml"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("nowhere/federation.yaml"))
    }
}
