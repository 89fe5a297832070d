import Foundation
import KubeClient
import KubeObjects
import Testing

/// `KubeAPI` against a real kube-apiserver 1.20 (see hack/e2e/README.md), started by
/// `make e2e-client`.
@Suite("KubeAPI against a real kube-apiserver")
struct KubeAPIE2ETests {
    @Test("Discovery lists the apps group with v1, and deployments and their scale subresource in it")
    func discovery() async throws {
        let api = try E2ECluster.api()
        let groups = try await api.apiGroups()
        let apps = try #require(groups.first { $0.name == "apps" }, "no apps group in \(groups.map(\.name))")
        #expect(apps.versions.contains("v1"))
        #expect(groups.contains { $0.name == "" && $0.versions.contains("v1") })

        let resources = try await api.resources(group: "apps", version: "v1")
        let deployments = try #require(resources.first { $0.name == "deployments" })
        #expect(deployments.kind == "Deployment")
        #expect(deployments.namespaced)
        #expect(Set(["create", "get", "list", "watch", "patch", "update", "delete"]).isSubset(of: deployments.verbs))
        #expect(deployments.resource == .deployments)
        #expect(resources.contains { $0.name == "deployments/scale" && $0.isSubresource })
    }

    @Test("A Deployment is created, read back, and found by a label selector but not by another")
    func createGetList() async throws {
        try await E2ECluster.withNamespace("e2e-list") { api, namespace in
            let created = try await api.create(.deployments, E2ECluster.deployment("web", namespace: namespace))
            #expect(created[path: ["metadata", "uid"]]?.stringValue?.isEmpty == false)
            _ = try await api.create(.deployments, E2ECluster.deployment("other", namespace: namespace))

            let fetched = try await api.get(.deployments, namespace: namespace, name: "web")
            #expect(fetched[path: ["metadata", "uid"]] == created[path: ["metadata", "uid"]])
            #expect(fetched[path: ["spec", "replicas"]]?.intValue == 2)
            #expect(fetched[path: ["spec", "template", "spec", "containers"]]?[0]?["image"]?.stringValue
                == "registry.invalid/flotilla/pause:3.2")

            let web = try await api.list(.deployments, namespace: namespace, options: ListOptions(labelSelector: "app=web"))
            #expect(web.items.compactMap { $0[path: ["metadata", "name"]]?.stringValue } == ["web"])
            #expect(!web.resourceVersion.isEmpty)
            let both = try await api.list(
                .deployments, namespace: namespace, options: ListOptions(labelSelector: "flotilla.io/e2e=client"))
            #expect(Set(both.items.compactMap { $0[path: ["metadata", "name"]]?.stringValue }) == ["web", "other"])
            let none = try await api.list(.deployments, namespace: namespace, options: ListOptions(labelSelector: "app=absent"))
            #expect(none.items.isEmpty)

            try await api.delete(.deployments, namespace: namespace, name: "web")
            try await api.delete(.deployments, namespace: namespace, name: "other")
        }
    }

    @Test("An update with a stale resourceVersion is a conflict, and one with the current version applies")
    func updateConflict() async throws {
        try await E2ECluster.withNamespace("e2e-update") { api, namespace in
            let stale = try await api.create(.deployments, E2ECluster.deployment("web", namespace: namespace))
            let moved = try await api.patch(
                .deployments, namespace: namespace, name: "web", ["metadata": ["annotations": ["step": "one"]]])
            #expect(moved[path: ["metadata", "resourceVersion"]] != stale[path: ["metadata", "resourceVersion"]])

            let error = await apiError {
                _ = try await api.update(.deployments, stale.applyingMergePatch(["spec": ["replicas": 4]]))
            }
            #expect(error?.code == .conflict)
            #expect(error?.httpStatus == 409)
            #expect(error?.status?.reason == "Conflict")

            let updated = try await api.update(.deployments, moved.applyingMergePatch(["spec": ["replicas": 4]]))
            #expect(updated[path: ["spec", "replicas"]]?.intValue == 4)
            #expect(updated[path: ["metadata", "annotations", "step"]]?.stringValue == "one")
            try await api.delete(.deployments, namespace: namespace, name: "web")
        }
    }

    @Test("A merge patch and a JSON patch change the Deployment, and a JSON patch whose test fails changes nothing")
    func patches() async throws {
        try await E2ECluster.withNamespace("e2e-patch") { api, namespace in
            _ = try await api.create(.deployments, E2ECluster.deployment("web", namespace: namespace))

            let merged = try await api.patch(
                .deployments, namespace: namespace, name: "web",
                ["metadata": ["labels": ["flotilla.io/e2e": nil, "tier": "front"]]], type: .merge)
            #expect(merged[path: ["metadata", "labels", "tier"]]?.stringValue == "front")
            #expect(merged[path: ["metadata", "labels"]]?["flotilla.io/e2e"] == nil)
            #expect(merged[path: ["metadata", "labels", "app"]]?.stringValue == "web")

            let patched = try await api.patch(
                .deployments, namespace: namespace, name: "web",
                [
                    ["op": "test", "path": "/spec/replicas", "value": 2],
                    ["op": "replace", "path": "/spec/replicas", "value": 3],
                    ["op": "replace", "path": "/spec/template/spec/containers/0/image",
                     "value": "registry.invalid/flotilla/pause:3.4"],
                ], type: .json)
            #expect(patched[path: ["spec", "replicas"]]?.intValue == 3)
            #expect(patched[path: ["spec", "template", "spec", "containers"]]?[0]?["image"]?.stringValue
                == "registry.invalid/flotilla/pause:3.4")
            #expect(patched[path: ["metadata", "generation"]]?.intValue == 2)

            let refused = await apiError {
                _ = try await api.patch(
                    .deployments, namespace: namespace, name: "web",
                    [
                        ["op": "test", "path": "/spec/replicas", "value": 7],
                        ["op": "replace", "path": "/spec/replicas", "value": 9],
                    ], type: .json)
            }
            #expect(refused?.code == .invalid)
            let after = try await api.get(.deployments, namespace: namespace, name: "web")
            #expect(after[path: ["spec", "replicas"]]?.intValue == 3)
            try await api.delete(.deployments, namespace: namespace, name: "web")
        }
    }

    @Test("The scale subresource reads and writes the Deployment's replicas")
    func scale() async throws {
        try await E2ECluster.withNamespace("e2e-scale") { api, namespace in
            _ = try await api.create(.deployments, E2ECluster.deployment("web", namespace: namespace, replicas: 2))

            let scale = try await api.getSubresource(.deployments, namespace: namespace, name: "web", subresource: "scale")
            #expect(scale["kind"]?.stringValue == "Scale")
            #expect(scale["apiVersion"]?.stringValue == "autoscaling/v1")
            #expect(scale[path: ["spec", "replicas"]]?.intValue == 2)

            let written = try await api.updateSubresource(
                .deployments, scale.applyingMergePatch(["spec": ["replicas": 5]]), subresource: "scale")
            #expect(written[path: ["spec", "replicas"]]?.intValue == 5)
            let deployment = try await api.get(.deployments, namespace: namespace, name: "web")
            #expect(deployment[path: ["spec", "replicas"]]?.intValue == 5)

            // The scale's resourceVersion is the Deployment's: the old one is now stale.
            let stale = await apiError {
                _ = try await api.updateSubresource(
                    .deployments, scale.applyingMergePatch(["spec": ["replicas": 1]]), subresource: "scale")
            }
            #expect(stale?.code == .conflict)

            let patched = try await api.patch(
                .deployments, namespace: namespace, name: "web", ["spec": ["replicas": 0]], subresource: "scale")
            // autoscaling/v1 Scale's spec.replicas is `omitempty`: the real server leaves out a 0.
            #expect(patched[path: ["spec", "replicas"]] == nil)
            #expect(patched["kind"]?.stringValue == "Scale")
            let scaledDown = try await api.get(.deployments, namespace: namespace, name: "web")
            #expect(scaledDown[path: ["spec", "replicas"]]?.intValue == 0)
            try await api.delete(.deployments, namespace: namespace, name: "web")
        }
    }

    @Test("A watch from a list's resourceVersion sees the MODIFIED and DELETED events of later changes")
    func watch() async throws {
        try await E2ECluster.withNamespace("e2e-watch") { api, namespace in
            _ = try await api.create(.deployments, E2ECluster.deployment("web", namespace: namespace))
            let page = try await api.list(.deployments, namespace: namespace, options: ListOptions(labelSelector: "app=web"))
            #expect(page.items.count == 1)

            // The server replays everything after the list's version, so the changes may be made
            // before the stream is read: nothing here depends on timing.
            let events = api.watch(
                .deployments, namespace: namespace,
                options: WatchOptions(resourceVersion: page.resourceVersion, allowBookmarks: false, labelSelector: "app=web",
                                      timeoutSeconds: 60))
            _ = try await api.patch(
                .deployments, namespace: namespace, name: "web", ["metadata": ["annotations": ["watched": "yes"]]])
            try await api.delete(.deployments, namespace: namespace, name: "web")

            var seen: [String] = []
            var modifiedAnnotation: String?
            var deletedName: String?
            for try await event in events {
                switch event {
                case .added(let object):
                    seen.append("ADDED \(object[path: ["metadata", "name"]]?.stringValue ?? "?")")
                case .modified(let object):
                    seen.append("MODIFIED")
                    modifiedAnnotation = object[path: ["metadata", "annotations", "watched"]]?.stringValue
                case .deleted(let object):
                    seen.append("DELETED")
                    deletedName = object[path: ["metadata", "name"]]?.stringValue
                case .bookmark:
                    seen.append("BOOKMARK")
                case .gone(let status), .error(let status):
                    seen.append("ERROR \(status)")
                }
                if deletedName != nil { break }
            }
            #expect(seen == ["MODIFIED", "DELETED"])
            #expect(modifiedAnnotation == "yes")
            #expect(deletedName == "web")
        }
    }

    @Test("A deleted Deployment is not found, and deleting it again is not found either")
    func deleteThenGet() async throws {
        try await E2ECluster.withNamespace("e2e-delete") { api, namespace in
            _ = try await api.create(.deployments, E2ECluster.deployment("web", namespace: namespace))
            try await api.delete(.deployments, namespace: namespace, name: "web")

            let missing = await apiError { _ = try await api.get(.deployments, namespace: namespace, name: "web") }
            #expect(missing?.code == .notFound)
            #expect(missing?.httpStatus == 404)
            #expect(missing?.status?.reason == "NotFound")
            let again = await apiError { try await api.delete(.deployments, namespace: namespace, name: "web") }
            #expect(again?.code == .notFound)
        }
    }

    @Test("Creating a Deployment that exists is alreadyExists")
    func alreadyExists() async throws {
        try await E2ECluster.withNamespace("e2e-exists") { api, namespace in
            _ = try await api.create(.deployments, E2ECluster.deployment("web", namespace: namespace))
            let error = await apiError {
                _ = try await api.create(.deployments, E2ECluster.deployment("web", namespace: namespace))
            }
            #expect(error?.code == .alreadyExists)
            try await api.delete(.deployments, namespace: namespace, name: "web")
        }
    }

    @Test("A wrong bearer token is unauthorized, and the error does not contain the token")
    func wrongToken() async throws {
        let original = try E2ECluster.kubeconfigPath()
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let badToken = "flotilla-e2e-wrong-token-" + String(UInt64.random(in: .min ... .max), radix: 16)
        var realTokens: [String] = []
        let text = try rewrittenKubeconfig(original) { line in
            guard let range = line.range(of: "token: ") else { return line }
            realTokens.append(String(line[range.upperBound...]))
            return String(line[..<range.upperBound]) + badToken
        }
        try #require(realTokens.count == 1, "expected one token in \(original)")
        let api = try E2ECluster.api(kubeconfig: scratch.write("wrong-token.kubeconfig", text))

        let error = await apiError { _ = try await api.list(.namespaces) }
        #expect(error?.code == .unauthorized)
        #expect(error?.httpStatus == 401)
        let described = [error.map { "\($0)" }, error.map { String(reflecting: $0) }].compactMap { $0 }
        for text in described {
            #expect(!text.contains(badToken))
            #expect(!text.contains(realTokens[0]))
            #expect(!text.contains("Bearer"))
        }
    }

    @Test("A CA that did not sign the server's certificate fails the TLS handshake")
    func wrongCA() async throws {
        let original = try E2ECluster.kubeconfigPath()
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        try scratch.run([
            "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-keyout", "other-ca.key", "-out", "other-ca.crt", "-days", "1", "-subj", "/CN=flotilla-e2e-other-ca",
        ])
        var replaced = 0
        let text = try rewrittenKubeconfig(original) { line in
            guard let range = line.range(of: "certificate-authority-data: ") else { return line }
            replaced += 1
            let indent = String(line[..<range.lowerBound])
            return indent + "certificate-authority: \(scratch.path)/other-ca.crt"
        }
        try #require(replaced == 1, "expected one certificate-authority-data in \(original)")
        let api = try E2ECluster.api(kubeconfig: scratch.write("wrong-ca.kubeconfig", text), retryPolicy: .never)

        let error = await apiError { _ = try await api.list(.namespaces) }
        #expect(error?.code == .transport)
        #expect(error?.transportError?.code == .tls)
        #expect(error?.httpStatus == nil)
    }
}

/// The `KubeAPIError` that `body` throws, or `nil` (and a recorded issue) when it succeeds or
/// throws something else.
func apiError(
    sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> Void
) async -> KubeAPIError? {
    do {
        try await body()
        Issue.record("expected a KubeAPIError, but the call succeeded", sourceLocation: sourceLocation)
    } catch let error as KubeAPIError {
        return error
    } catch {
        Issue.record("expected a KubeAPIError, got \(error)", sourceLocation: sourceLocation)
    }
    return nil
}
