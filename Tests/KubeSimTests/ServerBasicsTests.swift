import KubeObjects
import Testing

@testable import KubeSim

@Suite struct ServerBasicsTests {
    @Test func healthEndpointsAnswerOk() async throws {
        try await withSim { _, client in
            for path in ["/healthz", "/readyz", "/livez"] {
                let response = try await client.get(path)
                #expect(response.status == 200)
                #expect(response.body == "ok")
            }
        }
    }

    @Test func aRequestWithoutTheBearerTokenGetsA401Status() async throws {
        try await withSim(KubeSimConfiguration(bearerToken: "secret")) { _, client in
            var anonymous = client
            anonymous.token = nil
            let denied = try await anonymous.get(configMaps)
            #expect(denied.status == 401)
            #expect(denied.json["kind"] == "Status")
            #expect(denied.json["reason"] == "Unauthorized")
            #expect(try await client.get(configMaps).status == 200)
        }
    }

    @Test func anUnknownPathIsA404NotFoundStatus() async throws {
        try await withSim { _, client in
            let response = try await client.get("/apis/nope.example.com/v1/things")
            #expect(response.status == 404)
            #expect(response.json["reason"] == "NotFound")
            #expect(response.json["status"] == "Failure")
            #expect(response.json["code"] == 404)
        }
    }

    @Test func openAPIIsNotServed() async throws {
        try await withSim { _, client in
            let v2 = try await client.get("/openapi/v2")
            let v3 = try await client.get("/openapi/v3")
            #expect(v2.status == 404 && v3.status == 404)
        }
    }

    @Test func aPostOnAnItemIsMethodNotAllowed() async throws {
        try await withSim { _, client in
            _ = try await client.send("POST", configMaps, body: configMap("a"))
            let response = try await client.send("POST", configMaps + "/a", body: configMap("a"))
            #expect(response.status == 405)
            #expect(response.json["reason"] == "MethodNotAllowed")
        }
    }

    @Test func theServerRestartsOnTheSamePortAndKeepsItsObjects() async throws {
        let server = KubeSimServer()
        let port = try await server.start()
        let client = TestHTTPClient(port: port)
        #expect(try await client.send("POST", configMaps, body: configMap("kept")).status == 201)
        await server.stop()
        #expect(try await server.start() == port)
        #expect(try await client.get(configMaps + "/kept").status == 200)
        await server.stop()
    }
}
