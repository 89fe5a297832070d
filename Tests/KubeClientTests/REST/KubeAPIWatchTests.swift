import KubeObjects
import Testing

@testable import KubeClient

@Suite("Kube API watch")
struct KubeAPIWatchTests {
    static func line(_ type: String, _ object: JSONValue) -> String {
        JSONValue.object(JSONObject([("type", .string(type)), ("object", object)])).jsonString + "\n"
    }

    @Test("A watch yields decoded events as the chunks of the response arrive, even when a chunk splits a line")
    func eventsInOrder() async throws {
        let gates = [Gate(), Gate()]
        let added = Self.line("ADDED", configMap("a", version: "11"))
        let modified = Self.line("MODIFIED", configMap("a", version: "12"))
        let bookmark = Self.line("BOOKMARK", ["kind": "ConfigMap", "metadata": ["resourceVersion": "15"]])
        let split = added.utf8.count / 2
        try await withScriptedAPI({ _ in
            ScriptedResponse(
                status: 200, headers: [("Content-Type", "application/json")],
                body: .chunked(
                    [.chunk(Array(added.utf8.prefix(split))), .chunk(Array(added.utf8.dropFirst(split))),
                     .wait(gates[0]), .chunk(Array(modified.utf8)), .wait(gates[1]), .chunk(Array(bookmark.utf8))],
                    hold: false))
        }) { server, api, _ in
            var events: [WatchEvent] = []
            let options = WatchOptions(resourceVersion: "10", labelSelector: "app=web", timeoutSeconds: 120)
            for try await event in api.watch(.configMaps, namespace: "default", options: options) {
                events.append(event)
                // The server sends the next event only after this one arrived.
                if events.count <= gates.count { gates[events.count - 1].open() }
            }
            #expect(events == [
                .added(configMap("a", version: "11")), .modified(configMap("a", version: "12")),
                .bookmark(resourceVersion: "15"),
            ])
            let request = try #require(server.requests.first)
            #expect(request.path == "/api/v1/namespaces/default/configmaps")
            #expect(request.query == [
                "watch": "true", "resourceVersion": "10", "allowWatchBookmarks": "true", "labelSelector": "app=web",
                "timeoutSeconds": "120",
            ])
            #expect(request.headers["Authorization"] == "Bearer t0ken")
        }
    }

    @Test("An ERROR event with code 410 arrives as a gone event")
    func goneEvent() async throws {
        let status: JSONValue = ["kind": "Status", "code": 410, "reason": "Expired", "message": "too old"]
        try await withScriptedAPI({ _ in
            ScriptedResponse(status: 200, body: .chunked([.chunk(Array(Self.line("ERROR", status).utf8))], hold: false))
        }) { _, api, _ in
            var events: [WatchEvent] = []
            for try await event in api.watch(.pods) { events.append(event) }
            #expect(events == [.gone(APIStatus(code: 410, reason: "Expired", message: "too old"))])
        }
    }

    @Test("A watch refused with 410 ends with a gone error and is not retried")
    func goneAtStart() async throws {
        try await withScriptedAPI({ _ in .status(410, reason: "Expired") }) { server, api, clock in
            let error = await #expect(throws: KubeAPIError.self) {
                for try await _ in api.watch(.pods, options: WatchOptions(resourceVersion: "1")) {}
            }
            #expect(error?.code == .gone)
            #expect(server.requests.count == 1)
            #expect(clock.sleeps.isEmpty)
        }
    }

    @Test("A watch is re-established after a 503 that came before any event")
    func retriedBeforeFirstEvent() async throws {
        let added = Self.line("ADDED", configMap("a"))
        let script = ResponseSequence([
            .status(503, reason: "ServiceUnavailable"),
            ScriptedResponse(status: 200, body: .chunked([.chunk(Array(added.utf8))], hold: false)),
        ])
        try await withScriptedAPI(script.next) { server, api, clock in
            var events: [WatchEvent] = []
            for try await event in api.watch(.configMaps) { events.append(event) }
            #expect(events == [.added(configMap("a"))])
            #expect(server.requests.count == 2)
            #expect(clock.sleeps.count == 1)
        }
    }

    @Test("A watch answered with 401 is made once more with a fresh token")
    func unauthorizedRefresh() async throws {
        let file = RotatingTokenFile("fresh")
        let added = Self.line("ADDED", configMap("a"))
        try await withScriptedAPI(authenticator: .tokenFile(file.source(initialToken: "stale")), { request in
            request.headers["Authorization"] == "Bearer fresh"
                ? ScriptedResponse(status: 200, body: .chunked([.chunk(Array(added.utf8))], hold: false))
                : .status(401, reason: "Unauthorized")
        }) { server, api, _ in
            var events: [WatchEvent] = []
            for try await event in api.watch(.configMaps) { events.append(event) }
            #expect(events == [.added(configMap("a"))])
            #expect(server.requests.map { $0.headers["Authorization"] } == ["Bearer stale", "Bearer fresh"])
        }
    }

    @Test("A line that is not a watch event ends the watch with a malformed-response error")
    func malformedLine() async throws {
        let body = Self.line("ADDED", configMap("a")) + "{not json}\n"
        try await withScriptedAPI({ _ in
            ScriptedResponse(status: 200, body: .chunked([.chunk(Array(body.utf8))], hold: false))
        }) { _, api, _ in
            var events: [WatchEvent] = []
            let error = await #expect(throws: KubeAPIError.self) {
                for try await event in api.watch(.configMaps) { events.append(event) }
            }
            #expect(error?.code == .malformedResponse)
            #expect(events == [.added(configMap("a"))])
        }
    }

    @Test("Ending a watch's iteration closes its connection")
    func cancellation() async throws {
        let added = Self.line("ADDED", configMap("a"))
        try await withScriptedAPI({ _ in
            ScriptedResponse(status: 200, body: .chunked([.chunk(Array(added.utf8))], hold: true))
        }) { server, api, _ in
            var closed = server.events.reader()
            for try await event in api.watch(.configMaps) {
                #expect(event == .added(configMap("a")))
                break
            }
            #expect(await closed.next() == "closed 1")
        }
    }

    @Test("Cancelling the task that iterates a watch closes its connection")
    func taskCancellation() async throws {
        let added = Self.line("ADDED", configMap("a"))
        try await withScriptedAPI({ _ in
            ScriptedResponse(status: 200, body: .chunked([.chunk(Array(added.utf8))], hold: true))
        }) { server, api, _ in
            var closed = server.events.reader()
            let firstEvent = EventLog<WatchEvent>()
            let task = Task {
                for try await event in api.watch(.configMaps) { firstEvent.record(event) }
            }
            var reader = firstEvent.reader()
            #expect(await reader.next() == .added(configMap("a")))
            task.cancel()
            #expect(await closed.next() == "closed 1")
            _ = await task.result
        }
    }
}
