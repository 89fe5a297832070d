import KubeObjects
import Testing

@testable import KubeSim

@Suite struct FaultAndDiscoveryTests {
    @Test func injectedFailuresAnswerTheNextMatchingRequestsThenStop() async throws {
        try await withSim { server, client in
            await server.injectFault(.internalError, count: 2, matching: RequestMatcher(method: "GET"))
            let first = try await client.get(configMaps)
            let second = try await client.get(configMaps)
            let third = try await client.get(configMaps)
            #expect([first.status, second.status, third.status] == [500, 500, 200])
            #expect(first.json["reason"] == "InternalError")
        }
    }

    @Test func throttlingAnswers429WithRetryAfter() async throws {
        try await withSim { server, client in
            await server.injectFault(.tooManyRequests(retryAfterSeconds: 3), count: 1, matching: RequestMatcher(pathContains: "/configmaps"))
            let throttled = try await client.get(configMaps)
            #expect(throttled.status == 429)
            #expect(throttled.headers.first(name: "Retry-After") == "3")
            #expect(throttled.json["reason"] == "TooManyRequests")
        }
    }

    @Test func discoveryListsResourcesWithSubresourcesAndShortNames() async throws {
        try await withSim { _, client in
            let groups = try await client.get("/apis").json
            let names = groups["groups"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
            #expect(names.contains("apps") && names.contains("coordination.k8s.io"))
            let apps = try await client.get("/apis/apps/v1").json
            let resources = apps["resources"]?.arrayValue ?? []
            let deploymentEntry = resources.first { $0["name"] == "deployments" }
            #expect(deploymentEntry?["shortNames"] == ["deploy"])
            #expect(deploymentEntry?["namespaced"] == true)
            #expect(resources.contains { $0["name"] == "deployments/status" })
            #expect(resources.contains { $0["name"] == "deployments/scale" && $0["kind"] == "Scale" })
            let core = try await client.get("/api").json
            #expect(core["versions"] == ["v1"])
            #expect(try await client.get("/version").json["major"] == "1")
        }
    }

    @Test func creatingACustomResourceDefinitionServesItsResource() async throws {
        try await withSim { _, client in
            let definition: JSONValue = [
                "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
                "metadata": ["name": "widgets.example.com"],
                "spec": [
                    "group": "example.com", "scope": "Namespaced",
                    "names": ["plural": "widgets", "singular": "widget", "kind": "Widget", "shortNames": ["wd"]],
                    "versions": [[
                        "name": "v1", "served": true, "storage": true,
                        "subresources": ["status": [:], "scale": ["specReplicasPath": ".spec.size", "statusReplicasPath": ".status.size"]],
                    ]],
                ],
            ]
            let created = try await client.send("POST", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", body: definition)
            #expect(created.status == 201)
            #expect(created.json[path: ["status", "conditions"]]?.arrayValue?.contains { $0["type"] == "Established" } == true)
            let discovery = try await client.get("/apis/example.com/v1").json
            #expect(discovery["resources"]?.arrayValue?.map { $0["name"]?.stringValue ?? "" } == ["widgets", "widgets/status", "widgets/scale"])
            let widgets = "/apis/example.com/v1/namespaces/default/widgets"
            let widget: JSONValue = ["apiVersion": "example.com/v1", "kind": "Widget", "metadata": ["name": "w"], "spec": ["size": 1]]
            #expect(try await client.send("POST", widgets, body: widget).status == 201)
            let scaled = try await client.send("PUT", widgets + "/w/scale", body: ["spec": ["replicas": 3]])
            #expect(scaled.status == 200)
            #expect(try await client.get(widgets + "/w").json[path: ["spec", "size"]] == 3)

            let badDefinition: JSONValue = [
                "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
                "metadata": ["name": "wrong.example.com"],
                "spec": ["group": "example.com", "scope": "Namespaced", "names": ["plural": "gadgets", "kind": "Gadget"], "versions": [["name": "v1"]]],
            ]
            let rejected = try await client.send("POST", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", body: badDefinition)
            #expect(rejected.status == 422)
        }
    }
}
