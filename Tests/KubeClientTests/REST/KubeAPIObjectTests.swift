import KubeObjects
import Testing

@testable import KubeClient

@Suite("Kube API objects")
struct KubeAPIObjectTests {
    @Test("get sends a GET for the object path with the bearer token and parses the object")
    func get() async throws {
        try await withScriptedAPI({ _ in .json(200, configMap("settings").jsonString) }) { server, api, _ in
            let object = try await api.get(.configMaps, namespace: "team-a", name: "settings")
            #expect(object == configMap("settings"))
            let request = try #require(server.requests.first)
            #expect(request.method == "GET")
            #expect(request.target == "/api/v1/namespaces/team-a/configmaps/settings")
            #expect(request.headers["Authorization"] == "Bearer t0ken")
            #expect(request.headers["Accept"] == "application/json")
        }
    }

    @Test("Objects of other groups live under /apis, and cluster-scoped ones have no namespace")
    func paths() async throws {
        try await withScriptedAPI({ _ in .json(200, #"{"items":[]}"#) }) { server, api, _ in
            _ = try await api.get(.deployments, namespace: "web", name: "front")
            _ = try await api.get(.namespaces, name: "web")
            _ = try await api.list(.pods)
            #expect(server.requests.map(\.target) == [
                "/apis/apps/v1/namespaces/web/deployments/front", "/api/v1/namespaces/web", "/api/v1/pods",
            ])
            await #expect(throws: KubeAPIError.self) { try await api.get(.pods, name: "no-namespace") }
            await #expect(throws: KubeAPIError.self) { try await api.get(.nodes, namespace: "x", name: "n1") }
            #expect(server.requests.count == 3)
        }
    }

    @Test("list sends selectors, limit and continue, and returns items, resourceVersion and the next token")
    func list() async throws {
        let page = #"{"kind":"ConfigMapList","metadata":{"resourceVersion":"77","continue":"next-page"},"items":[\#(configMap("a").jsonString),\#(configMap("b").jsonString)]}"#
        try await withScriptedAPI({ _ in .json(200, page) }) { server, api, _ in
            let options = ListOptions(labelSelector: "app in (web,api),tier!=db", fieldSelector: "metadata.name=a",
                                      limit: 2, continueToken: "this/page==")
            let result = try await api.list(.configMaps, namespace: "default", options: options)
            #expect(result.items == [configMap("a"), configMap("b")])
            #expect(result.resourceVersion == "77")
            #expect(result.continueToken == "next-page")
            let request = try #require(server.requests.first)
            #expect(request.path == "/api/v1/namespaces/default/configmaps")
            #expect(request.query == [
                "labelSelector": "app in (web,api),tier!=db", "fieldSelector": "metadata.name=a", "limit": "2",
                "continue": "this/page==",
            ])
        }
    }

    @Test("Items of a built-in type's list, which a real server sends without apiVersion and kind, get them from the list")
    func listItemsAreTyped() async throws {
        let bare = #"{"metadata":{"name":"web","namespace":"default"},"spec":{"replicas":2}}"#
        let typed = #"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"api","namespace":"default"}}"#
        let page = #"{"kind":"DeploymentList","apiVersion":"apps/v1","metadata":{"resourceVersion":"9"},"items":[\#(bare),\#(typed)]}"#
        try await withScriptedAPI({ _ in .json(200, page) }) { _, api, _ in
            let items = try await api.list(.deployments).items
            #expect(items.map { $0["kind"]?.stringValue } == ["Deployment", "Deployment"])
            #expect(items.map { $0["apiVersion"]?.stringValue } == ["apps/v1", "apps/v1"])
            #expect(items.first?[path: ["spec", "replicas"]] == 2)
            #expect(items.last == (try JSONValue(parsing: typed)))
        }
    }

    @Test("create POSTs the object as JSON to its own namespace")
    func create() async throws {
        try await withScriptedAPI({ request in .json(201, request.bodyText) }) { server, api, _ in
            let created = try await api.create(.configMaps, configMap("new", namespace: "ops"))
            #expect(created == configMap("new", namespace: "ops"))
            let request = try #require(server.requests.first)
            #expect(request.method == "POST")
            #expect(request.target == "/api/v1/namespaces/ops/configmaps")
            #expect(request.headers["Content-Type"] == "application/json")
            #expect(request.json == configMap("new", namespace: "ops"))
        }
    }

    @Test("update PUTs to the object path, and an object without resourceVersion is refused before sending")
    func update() async throws {
        try await withScriptedAPI({ request in .json(200, request.bodyText) }) { server, api, _ in
            _ = try await api.update(.configMaps, configMap("settings", version: "41"))
            let request = try #require(server.requests.first)
            #expect(request.method == "PUT")
            #expect(request.target == "/api/v1/namespaces/default/configmaps/settings")
            #expect(request.json?[path: ["metadata", "resourceVersion"]] == "41")

            let error = await #expect(throws: KubeAPIError.self) {
                try await api.update(.configMaps, configMap("settings", version: ""))
            }
            #expect(error?.code == .invalidArgument)
            #expect(server.requests.count == 1)
        }
    }

    @Test("patch sends the content type of each patch type")
    func patch() async throws {
        try await withScriptedAPI({ _ in .json(200, "{}") }) { server, api, _ in
            _ = try await api.patch(.configMaps, namespace: "default", name: "a", ["data": ["k": "v"]])
            _ = try await api.patch(
                .configMaps, namespace: "default", name: "a", [["op": "remove", "path": "/data/k"]], type: .json)
            _ = try await api.patch(.deployments, namespace: "default", name: "d", ["spec": ["replicas": 3]],
                                    type: .strategicMerge, subresource: "scale")
            let requests = server.requests
            #expect(requests.map(\.method) == ["PATCH", "PATCH", "PATCH"])
            #expect(requests.map { $0.headers["Content-Type"] } == [
                "application/merge-patch+json", "application/json-patch+json", "application/strategic-merge-patch+json",
            ])
            #expect(requests[1].json == [["op": "remove", "path": "/data/k"]])
            #expect(requests[2].target == "/apis/apps/v1/namespaces/default/deployments/d/scale")
        }
    }

    @Test("delete sends the propagation policy and preconditions as DeleteOptions")
    func delete() async throws {
        try await withScriptedAPI({ _ in .json(200, #"{"kind":"Status","status":"Success"}"#) }) { server, api, _ in
            try await api.delete(
                .configMaps, namespace: "default", name: "old",
                options: DeleteOptions(propagationPolicy: .foreground, preconditionUID: "u-1",
                                       preconditionResourceVersion: "9"))
            try await api.delete(.configMaps, namespace: "default", name: "plain")
            let requests = server.requests
            #expect(requests.map(\.method) == ["DELETE", "DELETE"])
            #expect(requests[0].target == "/api/v1/namespaces/default/configmaps/old")
            #expect(requests[0].json == [
                "propagationPolicy": "Foreground", "preconditions": ["uid": "u-1", "resourceVersion": "9"],
                "kind": "DeleteOptions", "apiVersion": "v1",
            ])
            #expect(requests[1].body.isEmpty)
        }
    }

    @Test("Status and scale subresources are read and replaced at their own paths")
    func subresources() async throws {
        try await withScriptedAPI({ request in .json(200, request.body.isEmpty ? "{}" : request.bodyText) }) {
            server, api, _ in
            _ = try await api.getSubresource(.deployments, namespace: "web", name: "front", subresource: "scale")
            var object = configMap("settings", version: "5")
            object["status"] = ["phase": "Ready"]
            _ = try await api.updateSubresource(.configMaps, object, subresource: "status")
            let requests = server.requests
            #expect(requests.map(\.method) == ["GET", "PUT"])
            #expect(requests.map(\.target) == [
                "/apis/apps/v1/namespaces/web/deployments/front/scale",
                "/api/v1/namespaces/default/configmaps/settings/status",
            ])
        }
    }

    @Test("Discovery lists the core group first, preferred versions first, and a group version's resources")
    func discovery() async throws {
        try await withScriptedAPI({ request in
            switch request.path {
            case "/api": return .json(200, #"{"kind":"APIVersions","versions":["v1"]}"#)
            case "/apis":
                return .json(200, #"{"kind":"APIGroupList","groups":[{"name":"apps","versions":[{"groupVersion":"apps/v1","version":"v1"}],"preferredVersion":{"groupVersion":"apps/v1","version":"v1"}},{"name":"flotilla.io","versions":[{"groupVersion":"flotilla.io/v1alpha1","version":"v1alpha1"},{"groupVersion":"flotilla.io/v1","version":"v1"}],"preferredVersion":{"groupVersion":"flotilla.io/v1","version":"v1"}}]}"#)
            default:
                return .json(200, #"{"kind":"APIResourceList","groupVersion":"apps/v1","resources":[{"name":"deployments","namespaced":true,"kind":"Deployment","verbs":["get","list","watch"]},{"name":"deployments/scale","namespaced":true,"kind":"Scale","verbs":["get","update"]}]}"#)
            }
        }) { server, api, _ in
            let groups = try await api.apiGroups()
            #expect(groups == [
                APIGroupInfo(name: "", versions: ["v1"]), APIGroupInfo(name: "apps", versions: ["v1"]),
                APIGroupInfo(name: "flotilla.io", versions: ["v1", "v1alpha1"]),
            ])
            let resources = try await api.resources(group: "apps", version: "v1")
            #expect(resources.map(\.name) == ["deployments", "deployments/scale"])
            #expect(resources[0].resource == .deployments)
            #expect(resources[1].resource == nil)
            #expect(server.requests.last?.target == "/apis/apps/v1")
        }
    }
}
