import KubeObjects
import Testing

@testable import KubeSim

@Suite struct StorageTests {
    @Test func createStampsServerFieldsAndRejectsADuplicateWithAlreadyExists() async throws {
        try await withSim { _, client in
            let created = try await client.send("POST", configMaps, body: configMap("a"))
            #expect(created.status == 201)
            let metadata = created.json["metadata"]
            #expect(metadata?["uid"]?.stringValue?.isEmpty == false)
            #expect(metadata?["creationTimestamp"] != nil)
            #expect(metadata?["generation"] == 1)
            #expect(metadata?["namespace"] == "default")
            let duplicate = try await client.send("POST", configMaps, body: configMap("a"))
            #expect(duplicate.status == 409)
            #expect(duplicate.json["reason"] == "AlreadyExists")
            #expect(duplicate.json[path: ["details", "name"]] == "a")
            #expect(duplicate.json[path: ["details", "kind"]] == "configmaps")
        }
    }

    @Test func resourceVersionsGrowWithEveryWrite() async throws {
        try await withSim { _, client in
            let first = try await client.send("POST", configMaps, body: configMap("a")).json.resourceVersion
            let second = try await client.send("POST", configMaps, body: configMap("b")).json.resourceVersion
            let list = try await client.get(configMaps).json
            #expect(Int(first ?? "")! < Int(second ?? "")!)
            #expect(list[path: ["metadata", "resourceVersion"]]?.stringValue == second)
        }
    }

    @Test func generateNameMakesAUniqueName() async throws {
        try await withSim { _, client in
            let body: JSONValue = ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["generateName": "job-"]]
            let created = try await client.send("POST", configMaps, body: body).json
            #expect(created.name.hasPrefix("job-") && created.name.count == 9)
        }
    }

    @Test func creatingInAMissingNamespaceIsNotFoundAndABadNameIsInvalid() async throws {
        try await withSim { _, client in
            let missing = try await client.send("POST", "/api/v1/namespaces/nowhere/configmaps", body: configMap("a"))
            #expect(missing.status == 404)
            let invalid = try await client.send("POST", configMaps, body: configMap("Not_Valid"))
            #expect(invalid.status == 422)
            #expect(invalid.json["reason"] == "Invalid")
            let garbage = try await client.send("POST", configMaps, body: .string("nope"))
            #expect(garbage.status == 400)
            #expect(garbage.json["reason"] == "BadRequest")
        }
    }

    @Test func anUpdateWithAStaleResourceVersionIsAConflict() async throws {
        try await withSim { _, client in
            var object = try await client.send("POST", configMaps, body: configMap("a")).json
            object["data"] = ["k": "1"]
            let updated = try await client.send("PUT", configMaps + "/a", body: object)
            #expect(updated.status == 200)
            object["data"] = ["k": "2"]
            let stale = try await client.send("PUT", configMaps + "/a", body: object)
            #expect(stale.status == 409)
            #expect(stale.json["reason"] == "Conflict")
        }
    }

    @Test func generationMovesOnlyWhenTheSpecChanges() async throws {
        try await withSim { _, client in
            var object = try await client.send("POST", deployments, body: deployment("web")).json
            object.setMetadata("labels", ["tier": "front"])
            object = try await client.send("PUT", deployments + "/web", body: object).json
            #expect(object[path: ["metadata", "generation"]] == 1)
            object.setValue(3, at: ["spec", "replicas"])
            object = try await client.send("PUT", deployments + "/web", body: object).json
            #expect(object[path: ["metadata", "generation"]] == 2)
        }
    }

    @Test func statusIsWrittenOnlyThroughTheStatusSubresource() async throws {
        try await withSim { _, client in
            var object = try await client.send("POST", deployments, body: deployment("web")).json
            object["status"] = ["replicas": 5]
            object = try await client.send("PUT", deployments + "/web", body: object).json
            #expect(object["status"] == nil)
            let patched = try await client.send(
                "PATCH", deployments + "/web/status", body: ["status": ["replicas": 2], "spec": ["replicas": 9]],
                contentType: "application/merge-patch+json"
            ).json
            #expect(patched[path: ["status", "replicas"]] == 2)
            #expect(patched[path: ["spec", "replicas"]] == 1)
        }
    }

    @Test func theScaleSubresourceReadsAndWritesReplicas() async throws {
        try await withSim { _, client in
            _ = try await client.send("POST", deployments, body: deployment("web", replicas: 2))
            let scale = try await client.get(deployments + "/web/scale").json
            #expect(scale["kind"] == "Scale" && scale["apiVersion"] == "autoscaling/v1")
            #expect(scale[path: ["spec", "replicas"]] == 2)
            #expect(scale[path: ["status", "selector"]] == "app=web")
            let written = try await client.send("PUT", deployments + "/web/scale", body: ["spec": ["replicas": 7]])
            #expect(written.json[path: ["spec", "replicas"]] == 7)
            #expect(try await client.get(deployments + "/web").json[path: ["spec", "replicas"]] == 7)
        }
    }

    @Test func patchesApplyAsMergeJSONAndStrategicAsMerge() async throws {
        try await withSim { _, client in
            _ = try await client.send("POST", configMaps, body: configMap("a", data: ["x": "1"]))
            _ = try await client.send(
                "PATCH", configMaps + "/a", body: ["data": ["y": "2"]], contentType: "application/merge-patch+json")
            _ = try await client.send(
                "PATCH", configMaps + "/a", body: [["op": "remove", "path": "/data/x"]],
                contentType: "application/json-patch+json")
            let last = try await client.send(
                "PATCH", configMaps + "/a", body: ["data": ["z": "3"]], contentType: "application/strategic-merge-patch+json")
            #expect(last.json["data"] == ["y": "2", "z": "3"])
            let failing = try await client.send(
                "PATCH", configMaps + "/a", body: [["op": "test", "path": "/data/y", "value": "no"]],
                contentType: "application/json-patch+json")
            #expect(failing.status == 422)
        }
    }

    @Test func finalizersHoldADeletedObjectUntilTheyAreRemoved() async throws {
        try await withSim { _, client in
            var body = configMap("held")
            body.setMetadata("finalizers", ["example.com/cleanup"])
            _ = try await client.send("POST", configMaps, body: body)
            let deleting = try await client.send("DELETE", configMaps + "/held").json
            #expect(deleting[path: ["metadata", "deletionTimestamp"]] != nil)
            var current = try await client.get(configMaps + "/held").json
            current.setMetadata("finalizers", [])
            #expect(try await client.send("PUT", configMaps + "/held", body: current).status == 200)
            #expect(try await client.get(configMaps + "/held").status == 404)
        }
    }

    @Test func deletePreconditionsThatDoNotMatchAreAConflict() async throws {
        try await withSim { _, client in
            _ = try await client.send("POST", configMaps, body: configMap("a"))
            let response = try await client.send(
                "DELETE", configMaps + "/a", body: ["preconditions": ["uid": "not-the-uid"]])
            #expect(response.status == 409)
            #expect(try await client.get(configMaps + "/a").status == 200)
        }
    }

    @Test func listsFilterBySelectorsAndPageConsistentlyAtTheirResourceVersion() async throws {
        try await withSim { _, client in
            for (name, tier) in [("a", "web"), ("b", "db"), ("c", "web"), ("d", "web")] {
                _ = try await client.send("POST", configMaps, body: configMap(name, labels: ["tier": tier]))
            }
            let web = try await client.get(configMaps + "?labelSelector=tier%20in%20(web),!missing").json
            #expect(web["items"]?.arrayValue?.map(\.name) == ["a", "c", "d"])
            let notWeb = try await client.get(configMaps + "?labelSelector=tier!%3Dweb").json
            #expect(notWeb["items"]?.arrayValue?.map(\.name) == ["b"])
            let byName = try await client.get(configMaps + "?fieldSelector=metadata.name%3Dc").json
            #expect(byName["items"]?.arrayValue?.map(\.name) == ["c"])

            let first = try await client.get(configMaps + "?limit=2").json
            #expect(first["items"]?.arrayValue?.map(\.name) == ["a", "b"])
            let token = try #require(first[path: ["metadata", "continue"]]?.stringValue)
            _ = try await client.send("DELETE", configMaps + "/c")
            let second = try await client.get(configMaps + "?limit=2&continue=\(token)").json
            #expect(second["items"]?.arrayValue?.map(\.name) == ["c", "d"])
        }
    }

    @Test("pods filter by status.phase, as on a real server; a field other kinds lack is a 400")
    func podsFilterByPhase() async throws {
        try await withSim { _, client in
            let pods = "/api/v1/namespaces/default/pods"
            for (name, phase) in [("waiting", "Pending"), ("running", "Running")] {
                let body: JSONValue = [
                    "apiVersion": "v1", "kind": "Pod", "metadata": ["name": .string(name)],
                    "spec": ["containers": [["name": "c", "image": "i"]]],
                ]
                var created = try await client.send("POST", pods, body: body).json
                created["status"] = ["phase": .string(phase)]
                #expect(try await client.send("PUT", "\(pods)/\(name)/status", body: created).status == 200)
            }
            let pending = try await client.get(pods + "?fieldSelector=status.phase%3DPending").json
            #expect(pending["items"]?.arrayValue?.map(\.name) == ["waiting"])
            let notPending = try await client.get(pods + "?fieldSelector=status.phase!%3DPending").json
            #expect(notPending["items"]?.arrayValue?.map(\.name) == ["running"])
            #expect(try await client.get(configMaps + "?fieldSelector=status.phase%3DPending").status == 400)
            #expect(try await client.get(pods + "?fieldSelector=spec.containers%3Dc").status == 400)
        }
    }

    @Test func aContinueTokenOlderThanTheHistoryIsExpired() async throws {
        try await withSim { server, client in
            for name in ["a", "b", "c"] { _ = try await client.send("POST", configMaps, body: configMap(name)) }
            let first = try await client.get(configMaps + "?limit=1").json
            let token = try #require(first[path: ["metadata", "continue"]]?.stringValue)
            _ = try await client.send("POST", configMaps, body: configMap("d"))
            await server.compact()
            let expired = try await client.get(configMaps + "?limit=1&continue=\(token)")
            #expect(expired.status == 410)
            #expect(expired.json["reason"] == "Expired")
        }
    }
}
