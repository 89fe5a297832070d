import Foundation
import KubeObjects
import Testing

/// `flotilla plan` over the reference scenario (../shared/scenarios/multicloud-gpu-burst.md), run
/// as a user runs it. Cluster names: VKE-POC1, VKE-POC2 (cloud A) and ACK-POC (cloud B).
@Suite struct PlanCommandTests {
    static let vke1 = "cclt81kqnjbeqedvbbt0g"
    static let vke2 = "ccltbv1p1h4ho7pq6sugg"
    static let ack = "cclt75bp1h4ho7pq6su9g"
    static let vciAnnotation = "vci.vke.volcengine.com/preferred-instance-types"
    static let eciAnnotation = "k8s.aliyun.com/eci-use-specs"

    static let scenario = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("config/scenario")

    static func scenarioFile(_ name: String) -> String { scenario.appendingPathComponent(name).path }

    static func text(_ name: String) throws -> String { try String(contentsOfFile: scenarioFile(name), encoding: .utf8) }

    /// Runs `flotilla plan -o json` over the scenario's clusters and policies plus `workloads`.
    static func planJSON(_ sandbox: Sandbox, workloads: String) throws -> (Run, JSONValue?) {
        let file = try sandbox.write("workloads.yaml", workloads)
        let run = try sandbox.run([
            "plan", "-o", "json", "-f", scenarioFile("clusters.yaml"), "-f", scenarioFile("policies.yaml"), "-f", file,
        ])
        return (run, try? JSONValue(parsing: run.stdout))
    }

    /// `{cluster: (replicas, overflow)}` of the first workload in a `-o json` plan.
    static func distribution(_ plan: JSONValue?) -> [String: [Int64]] {
        var result: [String: [Int64]] = [:]
        for cluster in plan?["workloads"]?.arrayValue?.first?["clusters"]?.arrayValue ?? [] {
            result[cluster["name"]?.stringValue ?? "?"] = [cluster["replicas"]?.intValue ?? -1, cluster["overflow"]?.intValue ?? -1]
        }
        return result
    }

    @Test(arguments: [(10, [4, 4, 2]), (15, [6, 6, 3]), (20, [8, 8, 4])])
    func theWeightedPolicySplitsReplicas40_40_20AfterTheMinimums(replicas: Int, expected: [Int64]) throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let workload = try Self.text("deployment-weight.yaml").replacingOccurrences(of: "replicas: 10", with: "replicas: \(replicas)")
        let (run, plan) = try Self.planJSON(sandbox, workloads: workload)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(Self.distribution(plan) == [Self.vke1: [expected[0], 0], Self.vke2: [expected[1], 0], Self.ack: [expected[2], 0]])
        let workloadPlan = plan?["workloads"]?.arrayValue?.first
        #expect(workloadPlan?["policy"] == "default/fed-pp-weight")
        #expect(workloadPlan?["mode"] == "Divide")
        #expect(workloadPlan?["errors"] == [])
    }

    @Test func whenCloudARunsOutOfGPUsTheOverflowMovesToACKAndThePendingPodsStay() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let (run, plan) = try Self.planJSON(sandbox, workloads: try Self.text("deployment-weight-burst.yaml"))
        #expect(run.status == 0, "\(run.stderr)")
        // estimatedCapacity 6 and 6 at 20 replicas: written 8/8/8, of which 2/2/0 is overflow.
        #expect(Self.distribution(plan) == [Self.vke1: [8, 2], Self.vke2: [8, 2], Self.ack: [8, 0]])
    }

    @Test func thePriorityPolicyFillsTheHighestPriorityClusterAfterTheMinimums() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let (run, plan) = try Self.planJSON(sandbox, workloads: try Self.text("deployment-priority.yaml"))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(Self.distribution(plan) == [Self.vke1: [6, 0], Self.vke2: [2, 0], Self.ack: [2, 0]])
        #expect(plan?["workloads"]?[0]?["policy"] == "default/fed-pp-priority")
    }

    @Test func overrideAnnotationsLandOnTheRightMembersOnly() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let (run, plan) = try Self.planJSON(sandbox, workloads: try Self.text("deployment-weight.yaml"))
        #expect(run.status == 0, "\(run.stderr)")
        var annotations: [String: JSONValue] = [:]
        for cluster in plan?["workloads"]?[0]?["clusters"]?.arrayValue ?? [] {
            annotations[cluster["name"]?.stringValue ?? "?"] =
                cluster["object"]?[path: ["spec", "template", "metadata", "annotations"]] ?? .null
        }
        #expect(annotations[Self.vke1] == [Self.vciAnnotation: "vci.g1v.2xlarge"])
        #expect(annotations[Self.vke2] == [Self.vciAnnotation: "vci.g1v.2xlarge"])
        #expect(annotations[Self.ack] == [Self.eciAnnotation: "ecs.gn5i-c2g1.large"])
    }

    @Test func memberObjectsCarryThePlannedReplicasAndNoFederationLabels() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let (_, plan) = try Self.planJSON(sandbox, workloads: try Self.text("deployment-weight.yaml"))
        let member = plan?["workloads"]?[0]?["clusters"]?.arrayValue?.first { $0["name"] == .string(Self.vke1) }?["object"]
        #expect(member?[path: ["spec", "replicas"]] == 4)
        #expect(member?[path: ["metadata", "labels"]] == ["app.kubernetes.io/managed-by": "flotilla"])
        #expect(member?[path: ["metadata", "annotations", "flotilla.io/source"]] == "Deployment default/fed-dp-gpu")
        #expect(member?[path: ["spec", "template", "spec", "containers"]]?[0]?["image"]
            == "dcp-pre-cn-beijing.cr.volces.com/dcp/auto-gpu-burn:0.7")
    }

    @Test func theTableShowsEveryMemberWithItsReplicas() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let run = try sandbox.run([
            "plan", "-f", Self.scenarioFile("clusters.yaml"), "-f", Self.scenarioFile("policies.yaml"),
            "-f", Self.scenarioFile("deployment-weight-burst.yaml"),
        ])
        #expect(run.status == 0)
        let rows = run.stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
        #expect(rows.first == ["WORKLOAD", "POLICY", "MODE", "CLUSTER", "REPLICAS", "OVERFLOW"])
        #expect(rows.count == 4)
        #expect(rows.dropFirst().first?.prefix(3) == ["default/fed-dp-gpu", "default/fed-pp-weight", "Divide"])
        func row(_ cluster: String) -> [String]? { rows.first { $0.contains(cluster) }.map { Array($0.suffix(3)) } }
        #expect(row(Self.vke1) == [Self.vke1, "8", "2"])
        #expect(row(Self.vke2) == [Self.vke2, "8", "2"])
        #expect(row(Self.ack) == [Self.ack, "8", "-"])
    }

    @Test func yamlOutputReadsBackAsTheJSONOutput() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let (_, json) = try Self.planJSON(sandbox, workloads: try Self.text("deployment-weight.yaml"))
        let run = try sandbox.run([
            "plan", "-o", "yaml", "-f", Self.scenarioFile("clusters.yaml"), "-f", Self.scenarioFile("policies.yaml"),
            "-f", Self.scenarioFile("deployment-weight.yaml"),
        ])
        #expect(run.status == 0)
        #expect(try JSONValue.yamlDocuments(run.stdout) == [json ?? .null])
    }
}
