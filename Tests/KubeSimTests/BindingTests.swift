import KubeObjects
import Testing

@testable import KubeSim

/// `pods/NAME/binding`, the way a scheduler assigns a pod to a node.
@Suite struct BindingTests {
    private let pods = "/api/v1/namespaces/default/pods"

    private func pod(_ name: String) -> JSONValue {
        [
            "apiVersion": "v1", "kind": "Pod", "metadata": ["name": .string(name)],
            "spec": ["containers": [["name": "main", "image": "nginx"]]],
        ]
    }

    private func binding(_ pod: String, to node: String) -> JSONValue {
        [
            "apiVersion": "v1", "kind": "Binding",
            "metadata": ["name": .string(pod), "annotations": ["scheduled-by": "test"]],
            "target": ["apiVersion": "v1", "kind": "Node", "name": .string(node)],
        ]
    }

    @Test func aBindingSetsTheNodeNameAndPodScheduledAndAnswersSuccess() async throws {
        try await withSim { _, client in
            _ = try await client.send("POST", pods, body: pod("p"))
            let answer = try await client.send("POST", pods + "/p/binding", body: binding("p", to: "node-1"))
            #expect(answer.status == 201)
            #expect(answer.json["kind"] == "Status")
            #expect(answer.json["status"] == "Success")
            let bound = try await client.get(pods + "/p").json
            #expect(bound[path: ["spec", "nodeName"]] == "node-1")
            #expect(bound[path: ["metadata", "annotations", "scheduled-by"]] == "test")
            let scheduled = bound[path: ["status", "conditions"]]?.arrayValue?.first { $0["type"] == "PodScheduled" }
            #expect(scheduled?["status"] == "True")
        }
    }

    @Test func aSecondBindingIsAConflictAndLeavesTheNodeAlone() async throws {
        try await withSim { _, client in
            _ = try await client.send("POST", pods, body: pod("p"))
            _ = try await client.send("POST", pods + "/p/binding", body: binding("p", to: "node-1"))
            let again = try await client.send("POST", pods + "/p/binding", body: binding("p", to: "node-2"))
            #expect(again.status == 409)
            #expect(again.json["reason"] == "Conflict")
            #expect(again.json["message"]?.stringValue?.contains("already assigned to node \"node-1\"") == true)
            #expect(try await client.get(pods + "/p").json[path: ["spec", "nodeName"]] == "node-1")
        }
    }

    @Test func bindingAMissingPodIsNotFoundAndAMismatchedOrTargetlessBindingIsRefused() async throws {
        try await withSim { _, client in
            let missing = try await client.send("POST", pods + "/ghost/binding", body: binding("ghost", to: "n"))
            #expect(missing.status == 404)
            _ = try await client.send("POST", pods, body: pod("p"))
            let mismatched = try await client.send("POST", pods + "/p/binding", body: binding("q", to: "n"))
            #expect(mismatched.status == 400)
            var targetless = binding("p", to: "n")
            targetless["target"] = ["kind": "Node"]
            let invalid = try await client.send("POST", pods + "/p/binding", body: targetless)
            #expect(invalid.status == 422)
            #expect(invalid.json["message"]?.stringValue?.contains("target.name") == true)
            let get = try await client.get(pods + "/p/binding")
            #expect(get.status == 405)
        }
    }
}
