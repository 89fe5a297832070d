import Foundation
import KubeObjects
import KubeSim
import Testing

/// The rendered CRDs installed on the in-process API server with the real kubectl, then the
/// reference scenario created from config/scenario/ and listed by the CRDs' names and short
/// names. KubeSim registers CRDs but neither validates nor defaults with their schemas; the
/// schemas themselves are checked by CRDStructureTests and on a real server by `make e2e-manifests`.
@Suite struct CRDsOnKubeSimTests {
    /// Runs `body` with a started KubeSim and a kubeconfig pointing kubectl at it.
    func withKubectl(_ body: (_ kubectl: @escaping @Sendable ([String]) async throws -> ToolOutput) async throws -> Void) async throws {
        let server = KubeSimServer()
        let port = try await server.start()
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("flotilla-manifests-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
            let kubeconfig = home.appendingPathComponent("kubeconfig")
            try """
                apiVersion: v1
                kind: Config
                clusters: [{name: sim, cluster: {server: "http://127.0.0.1:\(port)"}}]
                users: [{name: sim, user: {}}]
                contexts: [{name: sim, context: {cluster: sim, user: sim, namespace: default}}]
                current-context: sim
                """.write(to: kubeconfig, atomically: true, encoding: .utf8)
            try await body { arguments in
                try await ToolRun.run("kubectl", ["--kubeconfig", kubeconfig.path] + arguments, home: home)
            }
        } catch {
            await server.stop()
            try? FileManager.default.removeItem(at: home)
            throw error
        }
        await server.stop()
        try? FileManager.default.removeItem(at: home)
    }

    @Test func theRenderedCRDsInstallAndTheScenarioIsCreatedAndListedByShortName() async throws {
        // Only the CRDs: KubeSim serves no RBAC, policy or Service kinds.
        let rendered = try await ToolRun.run("kubectl", ["kustomize", RepositoryFiles.manifests.path])
        try #require(rendered.status == 0, "\(rendered)")
        let crds = try KubeDocuments.read(rendered.stdout).filter { $0["kind"] == "CustomResourceDefinition" }
        #expect(crds.count == 5)
        let crdFile = FileManager.default.temporaryDirectory.appendingPathComponent("flotilla-crds-\(UUID().uuidString).json")
        try JSONValue.object(JSONObject([("apiVersion", "v1"), ("kind", "List"), ("items", .array(crds))]))
            .jsonString.write(to: crdFile, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: crdFile) }

        try await withKubectl { kubectl in
            // --validate=false: KubeSim serves no OpenAPI for kubectl to validate against.
            let installed = try await kubectl(["apply", "--validate=false", "-f", crdFile.path])
            #expect(installed.status == 0, "\(installed)")
            for crd in try RepositoryFiles.crds().values {
                #expect(installed.stdout.contains("customresourcedefinition.apiextensions.k8s.io/\(crd.name) created"))
            }

            // The scenario's clusters and policies, and one of its Deployments (the three files
            // are alternative versions of the same workload).
            let created = try await kubectl(["create", "--validate=false"] + ["clusters", "policies", "deployment-weight"].flatMap {
                ["-f", RepositoryFiles.scenario.appendingPathComponent("\($0).yaml").path]
            })
            #expect(created.status == 0, "\(created)")
            for expected in [
                "federatedcluster.core.kubeadmiral.io/cclt81kqnjbeqedvbbt0g created",
                "propagationpolicy.core.kubeadmiral.io/fed-pp-weight created",
                "propagationpolicy.core.kubeadmiral.io/fed-pp-priority created",
                "overridepolicy.core.kubeadmiral.io/fed-op created",
                "deployment.apps/fed-dp-gpu created",
            ] {
                #expect(created.stdout.contains(expected), "missing \(expected) in \(created.stdout)")
            }

            let policies = try await kubectl(["get", "pp", "-o", "name"])
            #expect(policies.status == 0, "\(policies)")
            #expect(policies.stdout.split(separator: "\n").sorted() == [
                "propagationpolicy.core.kubeadmiral.io/fed-pp-priority", "propagationpolicy.core.kubeadmiral.io/fed-pp-weight",
            ])
            let table = try await kubectl(["get", "pp"])
            #expect(table.status == 0 && table.stdout.contains("fed-pp-weight"), "\(table)")
            let clusters = try await kubectl(["get", "fcluster", "-o", "name"])
            #expect(clusters.stdout.split(separator: "\n").count == 3, "\(clusters)")
            let overrides = try await kubectl(["get", "op", "fed-op", "-o", "jsonpath={.spec.overrideRules[1].overriders.jsonpatch[0].path}"])
            #expect(overrides.stdout == "/spec/template/metadata/annotations/k8s.aliyun.com~1eci-use-specs", "\(overrides)")
            // Cluster-scoped kinds answer without a namespace, and the empty ones list nothing.
            let empty = try await kubectl(["get", "cpp,cop", "-o", "name"])
            #expect(empty.status == 0 && empty.stdout.isEmpty, "\(empty)")
        }
    }
}
