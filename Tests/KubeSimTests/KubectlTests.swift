import Foundation
import KubeObjects
import Testing

@testable import KubeSim

/// The real kubectl against the simulator, one verb per test. `create` and `replace` pass
/// `--validate=false` because the simulator serves no OpenAPI. These never skip: without kubectl
/// on PATH they fail with `Kubectl.Failure.missing`.
@Suite struct KubectlTests {
    func withKubectl(_ body: (KubeSimServer, Kubectl, TestHTTPClient) async throws -> Void) async throws {
        try await withSim { server, client in
            let kubectl = try Kubectl(port: try #require(await server.port))
            try await body(server, kubectl, client)
        }
    }

    static let configMapYAML = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
          labels:
            app: demo
        data:
          mode: fast
        """

    @Test func kubectlGetListsObjectsByName() async throws {
        try await withKubectl { _, kubectl, client in
            _ = try await client.send("POST", configMaps, body: configMap("alpha"))
            _ = try await client.send("POST", configMaps, body: configMap("beta"))
            let result = try await kubectl.run(["get", "configmaps"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("NAME"))
            #expect(result.stdout.contains("alpha") && result.stdout.contains("beta"))
            let one = try await kubectl.run(["get", "cm", "alpha", "-o", "json"])
            #expect(one.status == 0, "\(one.stderr)")
            #expect((try? JSONValue(parsing: one.stdout))?[path: ["metadata", "name"]] == "alpha")
        }
    }

    @Test func kubectlCreateFromAFileStoresTheObject() async throws {
        try await withKubectl { _, kubectl, client in
            let path = try kubectl.file("cm.yaml", Self.configMapYAML)
            let result = try await kubectl.run(["create", "--validate=false", "-f", path])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("configmap/settings created"))
            let stored = try await client.get(configMaps + "/settings")
            #expect(stored.json[path: ["data", "mode"]] == "fast")
            let again = try await kubectl.run(["create", "--validate=false", "-f", path])
            #expect(again.status != 0)
            #expect(again.stderr.contains("AlreadyExists") || again.stderr.contains("already exists"))
        }
    }

    @Test func kubectlReplaceOverwritesTheObject() async throws {
        try await withKubectl { _, kubectl, client in
            _ = try await client.send("POST", configMaps, body: configMap("settings", data: ["mode": "slow"]))
            let path = try kubectl.file("cm.yaml", Self.configMapYAML)
            let result = try await kubectl.run(["replace", "--validate=false", "-f", path])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("configmap/settings replaced"))
            #expect(try await client.get(configMaps + "/settings").json[path: ["data", "mode"]] == "fast")
        }
    }

    @Test func kubectlPatchAppliesMergeAndJSONPatches() async throws {
        try await withKubectl { _, kubectl, client in
            _ = try await client.send("POST", configMaps, body: configMap("settings", data: ["mode": "slow"]))
            let merge = try await kubectl.run(["patch", "cm", "settings", "--type=merge", "-p", #"{"data":{"extra":"1"}}"#])
            #expect(merge.status == 0, "\(merge.stderr)")
            let json = try await kubectl.run(
                ["patch", "cm", "settings", "--type=json", "-p", #"[{"op":"replace","path":"/data/mode","value":"fast"}]"#])
            #expect(json.status == 0, "\(json.stderr)")
            let strategic = try await kubectl.run(["patch", "cm", "settings", "-p", #"{"metadata":{"labels":{"x":"y"}}}"#])
            #expect(strategic.status == 0, "\(strategic.stderr)")
            let stored = try await client.get(configMaps + "/settings").json
            #expect(stored["data"] == ["mode": "fast", "extra": "1"])
            #expect(stored[path: ["metadata", "labels", "x"]] == "y")
        }
    }

    @Test func kubectlScaleChangesDeploymentReplicas() async throws {
        try await withKubectl { _, kubectl, client in
            _ = try await client.send("POST", deployments, body: deployment("web", replicas: 1))
            let result = try await kubectl.run(["scale", "deployment", "web", "--replicas=4"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("scaled"))
            let stored = try await client.get(deployments + "/web").json
            #expect(stored[path: ["spec", "replicas"]] == 4)
            #expect(stored[path: ["metadata", "generation"]] == 2)
        }
    }

    @Test func kubectlDeleteRemovesTheObject() async throws {
        try await withKubectl { _, kubectl, client in
            _ = try await client.send("POST", configMaps, body: configMap("doomed"))
            let result = try await kubectl.run(["delete", "configmap", "doomed"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("deleted"))
            #expect(try await client.get(configMaps + "/doomed").status == 404)
            let missing = try await kubectl.run(["get", "cm", "doomed"])
            #expect(missing.status != 0)
            #expect(missing.stderr.contains("NotFound") || missing.stderr.contains("not found"))
        }
    }

    @Test func kubectlGetWatchPrintsNewObjects() async throws {
        try await withKubectl { server, kubectl, client in
            _ = try await client.send("POST", configMaps, body: configMap("first"))
            let (process, stdout) = try kubectl.start(["get", "configmaps", "-w"])
            defer { process.terminate() }
            var output = ""
            for _ in 0..<200 where !output.contains("first") {
                try await Task.sleep(for: .milliseconds(50))
                output = try kubectl.read(stdout)
            }
            #expect(output.contains("first"))
            for _ in 0..<200 where await server.openWatchCount == 0 { try await Task.sleep(for: .milliseconds(50)) }
            _ = try await client.send("POST", configMaps, body: configMap("second"))
            for _ in 0..<200 where !output.contains("second") {
                try await Task.sleep(for: .milliseconds(50))
                output = try kubectl.read(stdout)
            }
            #expect(output.contains("second"), "\(output)")
        }
    }
}
