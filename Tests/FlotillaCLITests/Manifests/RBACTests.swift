import Foundation
import KubeObjects
import Testing

/// The controller's permissions as `kubectl kustomize manifests/` renders them: exactly the
/// rules docs/install.md lists, nothing wider, bound to the `flotilla` ServiceAccount.
/// `make e2e-manifests` asks a real RBAC authorizer the same questions with `kubectl auth can-i`.
@Suite struct RBACTests {
    /// `group resource` → verbs, one entry per resource.
    static func grants(_ role: JSONValue) -> [String: Set<String>] {
        var result: [String: Set<String>] = [:]
        for rule in role["rules"]?.arrayValue ?? [] {
            let verbs = Set((rule["verbs"]?.arrayValue ?? []).compactMap(\.stringValue))
            for group in (rule["apiGroups"]?.arrayValue ?? []).compactMap(\.stringValue) {
                for resource in (rule["resources"]?.arrayValue ?? []).compactMap(\.stringValue) {
                    result["\(group) \(resource)", default: []].formUnion(verbs)
                }
            }
        }
        return result
    }

    /// Exactly the calls the controller makes on the host: informers list and watch; workloads
    /// and their status are patched (never read with get, never replaced); a FederatedCluster is
    /// read again after a status conflict and its status replaced (PUT); a repeated Event is
    /// created, found to exist, read and patched (EventRecorder). Nothing reads HPAs.
    @Test func theClusterRoleReadsPoliciesAndClustersAndWritesOnlyDeploymentsStatusAndEvents() async throws {
        let objects = try await KustomizeRenderTests.render()
        let role = try #require(objects["ClusterRole/flotilla"])
        let policyKinds = ["propagationpolicies", "clusterpropagationpolicies", "overridepolicies", "clusteroverridepolicies"]
        var expected: [String: Set<String>] = [
            "apps deployments": ["list", "watch", "patch"],
            "apps deployments/status": ["patch"],
            "core.kubeadmiral.io federatedclusters": ["get", "list", "watch"],
            "core.kubeadmiral.io federatedclusters/status": ["update"],
            " events": ["create", "get", "patch"],
        ]
        for kind in policyKinds { expected["core.kubeadmiral.io \(kind)"] = ["list", "watch"] }
        #expect(Self.grants(role) == expected)
    }

    @Test func theNamespacedRoleCoversOnlySecretsAndTheLeaseInKubeAdmiralSystem() async throws {
        let objects = try await KustomizeRenderTests.render()
        let role = try #require(objects["Role/flotilla"])
        #expect(role[path: ["metadata", "namespace"]] == "kube-admiral-system")
        #expect(Self.grants(role) == [" secrets": ["list", "watch"], "coordination.k8s.io leases": ["get", "create", "update"]])
    }

    @Test func noRuleUsesAWildcardAndBothBindingsNameTheServiceAccount() async throws {
        let objects = try await KustomizeRenderTests.render()
        for key in ["ClusterRole/flotilla", "Role/flotilla"] {
            for rule in objects[key]?["rules"]?.arrayValue ?? [] {
                let words = ["apiGroups", "resources", "verbs"].flatMap { (rule[$0]?.arrayValue ?? []).compactMap(\.stringValue) }
                #expect(!words.contains("*"), "\(key): \(rule.jsonString)")
            }
        }
        #expect(objects["ServiceAccount/flotilla"]?[path: ["metadata", "namespace"]] == "kube-admiral-system")
        let subject: JSONValue = ["kind": "ServiceAccount", "name": "flotilla", "namespace": "kube-admiral-system"]
        #expect(objects["ClusterRoleBinding/flotilla"]?["subjects"] == [subject])
        #expect(objects["ClusterRoleBinding/flotilla"]?[path: ["roleRef", "kind"]] == "ClusterRole")
        #expect(objects["RoleBinding/flotilla"]?["subjects"] == [subject])
        #expect(objects["RoleBinding/flotilla"]?[path: ["roleRef", "kind"]] == "Role")
    }

    /// Every rule in rbac.yaml says, in a comment just above it, why the controller needs it.
    @Test func everyRuleIsExplainedByAComment() throws {
        let lines = try String(contentsOf: RepositoryFiles.manifests.appendingPathComponent("rbac.yaml"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false)
        let rules = lines.indices.filter { lines[$0].hasPrefix("- apiGroups:") }
        #expect(rules.count == 8)
        for index in rules {
            #expect(index > 0 && lines[index - 1].hasPrefix("#"), "rbac.yaml line \(index + 1) has no comment above it")
        }
    }
}

/// manifests/config/flotilla.yaml is a copy of config/flotilla.yaml's keys for the cluster;
/// once that file exists, the two must not drift apart.
@Suite struct SettingsCopyTests {
    static let repositorySettings = RepositoryFiles.root.appendingPathComponent("config/flotilla.yaml")

    static func keyPaths(_ value: JSONValue, prefix: String = "") -> Set<String> {
        guard let object = value.objectValue else { return [prefix] }
        return object.reduce(into: Set<String>()) { paths, entry in
            paths.formUnion(keyPaths(entry.value, prefix: prefix.isEmpty ? entry.key : "\(prefix).\(entry.key)"))
        }
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: repositorySettings.path), "config/flotilla.yaml does not exist yet"))
    func theClusterSettingsHaveTheSameKeysAsConfigFlotillaYAML() throws {
        let ours = try RepositoryFiles.objects(inFile: RepositoryFiles.manifests.appendingPathComponent("config/flotilla.yaml"))
        let theirs = try RepositoryFiles.objects(inFile: Self.repositorySettings)
        // In a pod the controller connects with its service account: the cluster copy leaves out
        // the kubeconfig and context keys, and only those.
        let connection: Set<String> = ["kubeconfig", "context"]
        #expect(Self.keyPaths(try #require(ours.first)) == Self.keyPaths(try #require(theirs.first)).subtracting(connection))
    }
}
