import Foundation
import KubeObjects
import Testing

/// `kubectl kustomize manifests/` (offline, as `kubectl apply -k manifests/` would render it):
/// every object is there, in the federation namespace, and the controller's Deployment, RBAC,
/// PodDisruptionBudget and Service say what docs/install.md promises.
@Suite struct KustomizeRenderTests {
    static let namespace = "kube-admiral-system"

    /// The rendered objects, keyed `Kind/name`.
    static func render() async throws -> [String: JSONValue] {
        let output = try await ToolRun.run("kubectl", ["kustomize", RepositoryFiles.manifests.path])
        guard output.status == 0 else { throw CRD.Invalid(description: "kubectl kustomize failed: \(output)") }
        var objects: [String: JSONValue] = [:]
        for object in try KubeDocuments.read(output.stdout) {
            objects["\(object["kind"]?.stringValue ?? "?")/\(object[path: ["metadata", "name"]]?.stringValue ?? "?")"] = object
        }
        return objects
    }

    static func only(_ kind: String, in objects: [String: JSONValue]) throws -> JSONValue {
        let matching = objects.filter { $0.key.hasPrefix("\(kind)/") }
        try #require(matching.count == 1, "expected one \(kind), found \(matching.keys.sorted())")
        return matching.values.first!
    }

    @Test func rendersEveryObjectOfTheInstallAndPutsTheNamespacedOnesInKubeAdmiralSystem() async throws {
        let objects = try await Self.render()
        let kinds = Set(objects.keys.map { String($0.prefix { $0 != "/" }) })
        #expect(kinds == [
            "Namespace", "CustomResourceDefinition", "ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role",
            "RoleBinding", "ConfigMap", "Deployment", "PodDisruptionBudget", "Service",
        ])
        let crdNames = objects.keys.filter { $0.hasPrefix("CustomResourceDefinition/") }.sorted()
        let expectedCRDs = try RepositoryFiles.crds().values.map { "CustomResourceDefinition/\($0.name)" }.sorted()
        #expect(crdNames == expectedCRDs && crdNames.count == 5)
        let clusterScoped: Set<String> = ["Namespace", "CustomResourceDefinition", "ClusterRole", "ClusterRoleBinding"]
        for (key, object) in objects where !clusterScoped.contains(object["kind"]?.stringValue ?? "") {
            #expect(object[path: ["metadata", "namespace"]]?.stringValue == Self.namespace, "\(key)")
        }
        // The rendered CRDs are the files, unchanged (kustomize only adds a label they already carry).
        for crd in try RepositoryFiles.crds().values {
            #expect(objects["CustomResourceDefinition/\(crd.name)"] == crd.definition, "\(crd.name)")
        }
    }

    @Test func theDeploymentRunsTwoHardenedReplicasWithProbesOnTheTelemetryPort() async throws {
        let deployment = try Self.only("Deployment", in: try await Self.render())
        #expect(deployment[path: ["spec", "replicas"]] == 2)
        let pod = try #require(deployment[path: ["spec", "template", "spec"]])
        #expect(pod["serviceAccountName"] == "flotilla")
        #expect(pod["securityContext"]?["runAsNonRoot"] == true && pod["securityContext"]?["runAsUser"] == 65532)
        #expect(pod[path: ["securityContext", "seccompProfile", "type"]] == "RuntimeDefault")
        let containers = try #require(pod["containers"]?.arrayValue)
        try #require(containers.count == 1)
        let container = containers[0]
        #expect(container["image"] == "flotilla:latest")
        #expect(container["args"] == ["run", "--config", "/etc/flotilla/flotilla.yaml"])
        let security = try #require(container["securityContext"])
        #expect(security["readOnlyRootFilesystem"] == true && security["allowPrivilegeEscalation"] == false)
        #expect(security[path: ["capabilities", "drop"]] == ["ALL"])
        #expect(container["ports"] == [["name": "telemetry", "containerPort": 8080, "protocol": "TCP"]])
        #expect(container[path: ["livenessProbe", "httpGet"]] == ["path": "/healthz", "port": "telemetry"])
        #expect(container[path: ["readinessProbe", "httpGet"]] == ["path": "/readyz", "port": "telemetry"])
        #expect(container[path: ["resources", "requests"]] == ["cpu": "100m", "memory": "128Mi"])
        #expect(container[path: ["resources", "limits"]] == ["cpu": "1", "memory": "256Mi"])
    }

    /// The settings file is mounted from the generated ConfigMap (whose name carries a content
    /// hash) at the path the container's arguments name, and says what a replica set needs.
    @Test func theSettingsFileComesFromTheGeneratedConfigMap() async throws {
        let objects = try await Self.render()
        let deployment = try Self.only("Deployment", in: objects)
        let configMap = try Self.only("ConfigMap", in: objects)
        let pod = try #require(deployment[path: ["spec", "template", "spec"]])
        let volume = try #require(pod["volumes"]?.arrayValue?.first { $0["name"] == "config" })
        #expect(volume[path: ["configMap", "name"]] == configMap[path: ["metadata", "name"]])
        let mount = pod["containers"]?[0]?["volumeMounts"]?.arrayValue?.first { $0["name"] == "config" }
        #expect(mount?["mountPath"] == "/etc/flotilla")
        let text = try #require(configMap[path: ["data", "flotilla.yaml"]]?.stringValue)
        let settings = try #require(try JSONValue.yamlDocuments(text).first)
        #expect(settings[path: ["leaderElection", "enabled"]] == true)
        #expect(settings[path: ["leaderElection", "namespace"]] == .string(Self.namespace))
        #expect(settings["federationNamespace"] == .string(Self.namespace))
        #expect(settings["telemetryAddress"] == "0.0.0.0:8080")
        #expect(Set(settings.objectValue?.keys ?? []) == SettingsKeys.topLevel)
    }

    @Test func theDisruptionBudgetAndTheMetricsServiceSelectTheControllersPods() async throws {
        let objects = try await Self.render()
        let podLabels = try #require(try Self.only("Deployment", in: objects)[path: ["spec", "template", "metadata", "labels"]]?.objectValue)
        let budget = try Self.only("PodDisruptionBudget", in: objects)
        #expect(budget[path: ["spec", "minAvailable"]] == 1)
        let service = try Self.only("Service", in: objects)
        #expect(service[path: ["spec", "ports"]] == [["name": "telemetry", "port": 8080, "targetPort": "telemetry", "protocol": "TCP"]])
        #expect(service[path: ["metadata", "annotations", "prometheus.io/scrape"]] == "true")
        #expect(service[path: ["metadata", "annotations", "prometheus.io/port"]] == "8080")
        for selector in [budget[path: ["spec", "selector", "matchLabels"]], service[path: ["spec", "selector"]]] {
            let pairs = try #require(selector?.objectValue)
            #expect(!pairs.isEmpty && pairs.allSatisfy { podLabels[$0.key] == $0.value })
        }
    }
}

/// The settings keys `flotilla run --config` reads, shared with config/flotilla.yaml.
enum SettingsKeys {
    static let topLevel: Set<String> = [
        "federationNamespace", "workers", "resyncPeriod", "clusterHealthPeriod", "clusterStatusThreshold",
        "leaderElection", "telemetryAddress", "logFormat", "logLevel",
    ]
}
