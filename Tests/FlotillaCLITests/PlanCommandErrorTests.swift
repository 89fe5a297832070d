import Foundation
import KubeObjects
import Testing

/// Bad input to `flotilla plan`: a clear message naming the file or the object and field, exit 1,
/// and no effect on workloads that do not depend on the bad object.
@Suite struct PlanCommandErrorTests {
    static let cluster = """
        apiVersion: core.kubeadmiral.io/v1alpha1
        kind: FederatedCluster
        metadata: {name: NAME, labels: {cloud: CLOUD}}
        spec: {apiEndpoint: https://NAME.example:6443, secretRef: {name: NAME}}
        status:
          conditions:
          - {type: Joined, status: "True", reason: ClusterJoined, message: ok, lastProbeTime: "2026-11-23T10:00:00Z", lastTransitionTime: "2026-11-23T10:00:00Z"}
          - {type: Ready, status: "True", reason: ClusterReady, message: ok, lastProbeTime: "2026-11-23T10:00:00Z", lastTransitionTime: "2026-11-23T10:00:00Z"}
          resources:
            allocatable: {cpu: "8", memory: 32Gi, nvidia.com/gpu: "GPUS"}
            available: {cpu: "8", memory: 32Gi, nvidia.com/gpu: "GPUS"}
        ---

        """

    static func cluster(_ name: String, cloud: String = "a", gpus: Int = 4) -> String {
        cluster.replacingOccurrences(of: "NAME", with: name).replacingOccurrences(of: "CLOUD", with: cloud)
            .replacingOccurrences(of: "GPUS", with: String(gpus))
    }

    static func policy(_ name: String, weight: String = "1") -> String {
        """
        apiVersion: core.kubeadmiral.io/v1alpha1
        kind: PropagationPolicy
        metadata: {name: \(name), namespace: default}
        spec:
          schedulingMode: Divide
          placement:
          - {cluster: m1, preferences: {weight: \(weight)}}
          - {cluster: m2, preferences: {weight: 1}}
        ---

        """
    }

    static func deployment(_ name: String, policy: String, override: String? = nil, gpu: Bool = false) -> String {
        let overrideLabel = override.map { "\n    kubeadmiral.io/override-policy-name: \($0)" } ?? ""
        let resources = gpu ? "\n        resources: {limits: {nvidia.com/gpu: \"1\"}}" : ""
        return """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: \(name)
              namespace: default
              labels:
                kubeadmiral.io/propagation-policy-name: \(policy)\(overrideLabel)
            spec:
              replicas: 4
              selector: {matchLabels: {app: \(name)}}
              template:
                metadata: {labels: {app: \(name)}}
                spec:
                  containers:
                  - name: main
                    image: busybox\(resources)
            ---

            """
    }

    static func plan(_ sandbox: Sandbox, _ text: String) throws -> (Run, JSONValue?) {
        let file = try sandbox.write("input.yaml", text)
        let run = try sandbox.run(["plan", "-o", "json", "-f", file])
        return (run, try? JSONValue(parsing: run.stdout))
    }

    static func workload(_ plan: JSONValue?, _ name: String) -> JSONValue? {
        plan?["workloads"]?.arrayValue?.first { $0["name"] == .string(name) }
    }

    @Test func aMissingFileIsNamedAndExitsOne() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let run = try sandbox.run(["plan", "-f", "no-such-file.yaml"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("no-such-file.yaml: no such file or directory"))
        #expect(run.stdout.isEmpty)
    }

    @Test func aYAMLSyntaxErrorGivesTheFileLineAndColumn() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let file = try sandbox.write("bad.yaml", "kind: Deployment\nmetadata:\n  name: a\n   namespace: b\n")
        let run = try sandbox.run(["plan", "-f", file])
        #expect(run.status == 1)
        #expect(run.stderr.contains("bad.yaml:4:"), "\(run.stderr)")
    }

    @Test func anInvalidPolicyFailsOnlyTheWorkloadsBoundToIt() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let input = Self.cluster("m1") + Self.cluster("m2") + Self.policy("good") + Self.policy("bad", weight: "\"heavy\"")
            + Self.deployment("uses-good", policy: "good") + Self.deployment("uses-bad", policy: "bad")
        let (run, plan) = try Self.plan(sandbox, input)
        #expect(run.status == 1)
        let bad = Self.workload(plan, "uses-bad")
        #expect(bad?["errors"]?[0]?.stringValue?.contains(
            "PropagationPolicy default/bad: spec.placement[0].preferences.weight: expected an integer, got a string") == true)
        #expect(bad?["clusters"] == [])
        let good = Self.workload(plan, "uses-good")
        #expect(good?["errors"] == [])
        #expect(good?["clusters"]?.arrayValue?.compactMap { $0["replicas"]?.intValue } == [2, 2])
    }

    @Test func aPolicyThatDoesNotExistIsAnErrorNamingTheLabel() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let (run, plan) = try Self.plan(sandbox, Self.cluster("m1") + Self.deployment("w", policy: "absent"))
        #expect(run.status == 1)
        #expect(Self.workload(plan, "w")?["errors"]?[0]?.stringValue
            == "Deployment default/w: metadata.labels[kubeadmiral.io/propagation-policy-name]: PropagationPolicy default/absent does not exist")
    }

    @Test func aFailingOverrideIsAnErrorForThatClusterOnly() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let override = """
            apiVersion: core.kubeadmiral.io/v1alpha1
            kind: OverridePolicy
            metadata: {name: op, namespace: default}
            spec:
              overrideRules:
              - targetClusters: {clusters: [m2]}
                overriders:
                  jsonpatch:
                  - {operator: remove, path: /spec/template/spec/nodeSelector}
            ---

            """
        let input = Self.cluster("m1") + Self.cluster("m2") + Self.policy("p") + override
            + Self.deployment("w", policy: "p", override: "op")
        let (run, plan) = try Self.plan(sandbox, input)
        #expect(run.status == 1)
        let clusters = Self.workload(plan, "w")?["clusters"]?.arrayValue ?? []
        #expect(clusters.count == 2)
        let m1 = clusters.first { $0["name"] == "m1" }
        let m2 = clusters.first { $0["name"] == "m2" }
        #expect(m1?["object"]?[path: ["spec", "replicas"]] == 2)
        #expect(m1?["error"] == nil)
        #expect(m2?["object"] == .null)
        #expect(m2?["error"]?.stringValue?.contains("/spec/template/spec/nodeSelector") == true)
    }

    @Test func aGPUWorkloadSkipsClustersWithoutGPUsAndSaysWhy() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let input = Self.cluster("m1") + Self.cluster("m2", gpus: 0) + Self.policy("p") + Self.deployment("w", policy: "p", gpu: true)
        let (run, plan) = try Self.plan(sandbox, input)
        #expect(run.status == 0, "\(run.stderr)")
        let workload = Self.workload(plan, "w")
        #expect(workload?["clusters"]?.arrayValue?.map { $0["name"] } == ["m1"])
        #expect(workload?["clusters"]?[0]?["replicas"] == 4)
        #expect(workload?["excluded"]?[0]?["name"] == "m2")
        #expect(workload?["excluded"]?[0]?["reason"]?.stringValue?.contains("nvidia.com/gpu") == true)
    }

    @Test func objectsOfOtherKindsAreWarnedAboutAndIgnored() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let input = Self.cluster("m1") + Self.policy("p") + Self.deployment("w", policy: "p")
            + "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm, namespace: default}\n"
        let (run, _) = try Self.plan(sandbox, input)
        #expect(run.status == 0)
        #expect(run.stderr.contains("warning: ConfigMap default/cm (v1) is not used by flotilla plan"))
    }
}
