import Synchronization
import Testing

@testable import KubeClient

/// Runs `body` against a scripted server and a transport for it, then stops both.
func withScriptedServer<Result>(
    options: CurlTransport.Options = CurlTransport.Options(),
    _ handler: @escaping ScriptedHTTPServer.Handler,
    _ body: (ScriptedHTTPServer, CurlTransport) async throws -> Result
) async throws -> Result {
    let server = try ScriptedHTTPServer(handler: handler)
    let transport = CurlTransport(server: server.server, options: options)
    defer {
        transport.shutDown()
        server.stop()
    }
    return try await body(server, transport)
}

@Suite("Curl transport")
struct CurlTransportTests {
    @Test("A GET returns the status, header fields and body the server sent")
    func getRoundTrip() async throws {
        try await withScriptedServer({ _ in .json(200, #"{"ok":true}"#, headers: [("X-Flotilla", "yes")]) }) {
            server, transport in
            let response = try await transport.send(HTTPRequest(target: "/healthz?verbose=1", headers: ["Accept": "application/json"]))
            #expect(response.status == 200)
            #expect(response.headers["x-flotilla"] == "yes")
            #expect(String(decoding: response.body, as: UTF8.self) == #"{"ok":true}"#)
            let request = try #require(server.requests.first)
            #expect(request.method == "GET")
            #expect(request.target == "/healthz?verbose=1")
            #expect(request.headers["Accept"] == "application/json")
            #expect(request.headers["User-Agent"] == "flotilla")
        }
    }

    @Test("POST, PUT, PATCH and DELETE send their method, body and content type")
    func writeMethods() async throws {
        try await withScriptedServer({ request in .json(200, request.bodyText.isEmpty ? "{}" : request.bodyText) }) {
            server, transport in
            for method in [HTTPMethod.post, .put, .patch, .delete] {
                let body = Array(#"{"method":"\#(method.rawValue)"}"#.utf8)
                let headers: HTTPHeaders = method == .patch ? ["Content-Type": "application/merge-patch+json"] : [:]
                let response = try await transport.send(HTTPRequest(method: method, target: "/things", headers: headers, body: body))
                #expect(response.body == body)
            }
            let requests = server.requests
            #expect(requests.map(\.method) == ["POST", "PUT", "PATCH", "DELETE"])
            #expect(requests.map { $0.headers["Content-Type"] } == [
                "application/json", "application/json", "application/merge-patch+json", "application/json",
            ])
            #expect(requests.allSatisfy { $0.headers["Expect"] == nil })
        }
    }

    @Test("A POST without a body sends an empty one")
    func emptyPost() async throws {
        try await withScriptedServer({ _ in .json(201, "{}") }) { server, transport in
            let response = try await transport.send(HTTPRequest(method: .post, target: "/empty"))
            #expect(response.status == 201)
            #expect(server.requests.first?.headers["Content-Length"] == "0")
        }
    }

    @Test("Sequential requests reuse one connection")
    func connectionReuse() async throws {
        try await withScriptedServer({ _ in .json(200, "{}") }) { server, transport in
            for index in 0..<5 {
                _ = try await transport.send(HTTPRequest(target: "/sequential/\(index)"))
            }
            #expect(server.requests.count == 5)
            #expect(server.connectionCount == 1)
        }
    }

    @Test("Two hundred concurrent GETs over the one event loop all complete")
    func manyConcurrentRequests() async throws {
        try await withScriptedServer({ request in .json(200, #"{"path":"\#(request.path)"}"#) }) { server, transport in
            let bodies = try await withThrowingTaskGroup(of: (Int, String).self) { group in
                for index in 0..<200 {
                    group.addTask {
                        let response = try await transport.send(HTTPRequest(target: "/item/\(index)"))
                        return (index, String(decoding: response.body, as: UTF8.self))
                    }
                }
                var bodies: [Int: String] = [:]
                for try await (index, body) in group { bodies[index] = body }
                return bodies
            }
            #expect(bodies.count == 200)
            #expect(bodies.allSatisfy { $0.value == #"{"path":"/item/\#($0.key)"}"# })
            #expect(server.connectionCount <= CurlTransport.Options().maxConnectionsPerHost)
        }
    }

    @Test("A gzip-encoded response arrives decoded")
    func gzipResponse() async throws {
        try await withScriptedServer({ _ in
            ScriptedResponse(
                status: 200, headers: [("Content-Type", "application/json"), ("Content-Encoding", "gzip")],
                body: .fixed(gzippedConfigMap))
        }) { server, transport in
            let response = try await transport.send(HTTPRequest(target: "/zipped"))
            let text = String(decoding: response.body, as: UTF8.self)
            #expect(text.hasPrefix(#"{"kind":"ConfigMap","metadata":{"name":"zipped"}"#))
            #expect(text.contains(String(repeating: "squeeze ", count: 40)))
            #expect(server.requests.first?.headers["Accept-Encoding"]?.contains("gzip") == true)
        }
    }

    @Test("A stream yields each chunk as it is written, in order")
    func streamedChunks() async throws {
        let gates = [Gate(), Gate()]
        try await withScriptedServer({ _ in
            ScriptedResponse(
                status: 200,
                body: .chunked(
                    [.chunk(Array("one".utf8)), .wait(gates[0]), .chunk(Array("two".utf8)), .wait(gates[1]),
                     .chunk(Array("three".utf8))], hold: false))
        }) { _, transport in
            var received: [String] = []
            for try await chunk in transport.stream(HTTPRequest(target: "/stream", timeout: nil)) {
                received.append(String(decoding: chunk, as: UTF8.self))
                // The server writes the next chunk only once this one has arrived.
                if received.count <= gates.count { gates[received.count - 1].open() }
            }
            #expect(received == ["one", "two", "three"])
        }
    }

    @Test("A stream with an error status ends with the whole error response")
    func streamErrorStatus() async throws {
        try await withScriptedServer({ _ in .status(403, reason: "Forbidden") }) { _, transport in
            let error = await #expect(throws: UnexpectedHTTPStatus.self) {
                for try await _ in transport.stream(HTTPRequest(target: "/forbidden", timeout: nil)) {}
            }
            #expect(error?.response.status == 403)
            let body = String(decoding: error?.response.body ?? [], as: UTF8.self)
            #expect(body.contains("Forbidden"))
        }
    }

    @Test("Ending a stream's iteration closes its connection")
    func streamCancellation() async throws {
        try await withScriptedServer({ _ in
            ScriptedResponse(status: 200, body: .chunked([.chunk(Array("first".utf8))], hold: true))
        }) { server, transport in
            var closed = server.events.reader()
            for try await chunk in transport.stream(HTTPRequest(target: "/held", timeout: nil)) {
                #expect(chunk == Array("first".utf8))
                break
            }
            #expect(await closed.next() == "closed 1")
        }
    }

    @Test("Cancelling the task of a send ends it with a cancellation error and closes the connection")
    func sendCancellation() async throws {
        try await withScriptedServer({ _ in
            ScriptedResponse(status: 200, body: .chunked([.chunk(Array("partial".utf8))], hold: true))
        }) { server, transport in
            var closed = server.events.reader()
            let task = Task { try await transport.send(HTTPRequest(target: "/slow")) }
            // Wait until the server has the request, so the cancellation hits a running transfer.
            while server.requests.isEmpty { await Task.yield() }
            task.cancel()
            let result = await task.result
            #expect(throws: TransportError.cancelled) { try result.get() }
            #expect(await closed.next() == "closed 1")
        }
    }

    @Test("A request whose answer does not finish within its total timeout fails as timed out")
    func totalTimeout() async throws {
        try await withScriptedServer({ _ in ScriptedResponse(status: 200, body: .chunked([], hold: true)) }) {
            _, transport in
            let error = await #expect(throws: TransportError.self) {
                _ = try await transport.send(HTTPRequest(target: "/silent", timeout: .milliseconds(200)))
            }
            #expect(error?.code == .timedOut)
            #expect(error?.requestMayHaveBeenSent == true)
        }
    }

    @Test("A stream without a total timeout still ends when it stays silent past its idle timeout")
    func idleTimeout() async throws {
        // No body bytes at all: libcurl averages the transfer speed over a few seconds, so
        // bytes just before the silence would delay the abort by that long.
        try await withScriptedServer({ _ in ScriptedResponse(status: 200, body: .chunked([], hold: true)) }) {
            _, transport in
            let error = await #expect(throws: TransportError.self) {
                let request = HTTPRequest(target: "/quiet", timeout: nil, idleTimeout: .seconds(1))
                for try await _ in transport.stream(request) {}
            }
            #expect(error?.code == .timedOut)
        }
    }

    @Test("A refused connection is a connect failure that reached nothing")
    func connectionRefused() async throws {
        let refusing = try RefusingPort()
        let transport = CurlTransport(server: refusing.server)
        defer { transport.shutDown() }
        let error = await #expect(throws: TransportError.self) {
            _ = try await transport.send(HTTPRequest(target: "/nobody"))
        }
        #expect(error?.code == .connectFailed)
        #expect(error?.requestMayHaveBeenSent == false)
    }

    @Test("After shut-down every request fails with a shut-down error")
    func shutDown() async throws {
        let transport = CurlTransport(server: ServerURL(scheme: .http, host: "127.0.0.1", port: 9))
        transport.shutDown()
        let error = await #expect(throws: TransportError.self) {
            _ = try await transport.send(HTTPRequest(target: "/"))
        }
        #expect(error?.code == .shutDown)
    }
}

/// `{"kind":"ConfigMap","metadata":{"name":"zipped"},"data":{"text":"squeeze squeeze …"}}`
/// (40 times "squeeze "), compressed with gzip.
let gzippedConfigMap: [UInt8] = [
    31, 139, 8, 0, 0, 0, 0, 0, 2, 3, 171, 86, 202, 206, 204, 75, 81, 178, 82, 114, 206, 207, 75, 203, 76, 247, 77,
    44, 80, 210, 81, 202, 77, 45, 73, 76, 73, 44, 73, 84, 178, 170, 86, 202, 75, 204, 77, 5, 74, 87, 101, 22, 20, 164,
    166, 40, 213, 234, 40, 193, 36, 74, 82, 43, 74, 128, 18, 197, 133, 165, 169, 169, 85, 169, 10, 163, 52, 121, 180,
    82, 109, 45, 0, 247, 166, 34, 37, 132, 1, 0, 0,
]
