import KubeClient
import Synchronization
import Testing

@testable import Telemetry

/// A value shared between tasks.
final class Shared<Value: Sendable>: Sendable {
    private let value: Mutex<Value>
    init(_ value: Value) { self.value = Mutex(value) }
    var current: Value {
        get { value.withLock { $0 } }
        set { value.withLock { $0 = newValue } }
    }
}

/// A one-shot signal between tasks: `wait` returns once `open` has been called.
final class Gate: Sendable {
    private let stream: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation

    init() { (stream, continuation) = AsyncStream.makeStream() }

    func open() { continuation.finish() }

    func wait() async { for await _ in stream {} }
}

@Suite("Telemetry server", .timeLimit(.minutes(1)))
struct TelemetryServerTests {
    /// Starts a server on a free loopback port and a libcurl client to it; stops both afterwards.
    func withServer(
        registry: MetricsRegistry = MetricsRegistry(), readiness: @escaping @Sendable () async -> Readiness = { .ready },
        _ body: (TelemetryServer, CurlTransport, Int) async throws -> Void
    ) async throws {
        let server = TelemetryServer(host: "127.0.0.1", port: 0, registry: registry, readiness: readiness)
        let port = try await server.start()
        let client = CurlTransport(server: ServerURL(scheme: .http, host: "127.0.0.1", port: port))
        do {
            try await body(server, client, port)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
        client.shutDown()
    }

    func get(_ client: CurlTransport, _ target: String, method: HTTPMethod = .get) async throws -> (Int, String, String?) {
        let response = try await client.send(HTTPRequest(method: method, target: target, timeout: .seconds(20)))
        return (response.status, String(decoding: response.body, as: UTF8.self), response.headers["Content-Type"])
    }

    @Test("/metrics serves the registry in the text format, with its content type")
    func metrics() async throws {
        let registry = MetricsRegistry()
        registry.counter("flotilla_reconciles_total", help: "Reconciles.", labels: ["result"]).labels("success").increment(by: 7)
        try await withServer(registry: registry) { _, client, _ in
            let (status, body, contentType) = try await get(client, "/metrics")
            #expect(status == 200)
            #expect(contentType == "text/plain; version=0.0.4; charset=utf-8")
            #expect(try Exposition(parsing: body).value("flotilla_reconciles_total", ["result": "success"]) == 7)
            registry.counter("flotilla_reconciles_total", help: "Reconciles.", labels: ["result"]).labels("success").increment()
            let (_, later, _) = try await get(client, "/metrics?x=1")
            #expect(try Exposition(parsing: later).value("flotilla_reconciles_total", ["result": "success"]) == 8)
        }
    }

    @Test("/healthz is ok; /readyz follows the readiness closure; other paths are 404 and other methods 405")
    func probes() async throws {
        let ready = Shared(Readiness.notReady("informer caches have not synced"))
        try await withServer(readiness: { ready.current }) { _, client, _ in
            #expect(try await get(client, "/healthz").0 == 200)
            #expect(try await get(client, "/healthz").1 == "ok\n")
            let (status, body, _) = try await get(client, "/readyz")
            #expect(status == 503)
            #expect(body == "informer caches have not synced\n")
            ready.current = .ready
            #expect(try await get(client, "/readyz").0 == 200)
            #expect(try await get(client, "/readyz", method: .head).0 == 200)
            #expect(try await get(client, "/nothing").0 == 404)
            #expect(try await get(client, "/").0 == 404)
            #expect(try await get(client, "/metrics", method: .post).0 == 405)
        }
    }

    @Test("stop() lets a request being answered finish, refuses new connections, and closes idle ones")
    func gracefulStop() async throws {
        let entered = Gate()
        let release = Gate()
        let stopped = Shared(false)
        try await withServer(readiness: {
            entered.open()
            await release.wait()
            return .notReady("still starting")
        }) { server, client, port in
            // A second client leaves an idle keep-alive connection, which stop() must close.
            let idle = CurlTransport(server: ServerURL(scheme: .http, host: "127.0.0.1", port: port))
            defer { idle.shutDown() }
            #expect(try await get(idle, "/healthz").0 == 200)
            async let slow = get(client, "/readyz")
            await entered.wait()
            let stopping = Task {
                await server.stop()
                stopped.current = true
            }
            let other = CurlTransport(server: ServerURL(scheme: .http, host: "127.0.0.1", port: port))
            defer { other.shutDown() }
            // New connections are refused from the moment stop() begins (closed at once, then
            // not accepted at all once the listener is closed); wait until they no longer connect.
            while true {
                do {
                    _ = try await other.send(HTTPRequest(target: "/healthz", timeout: .seconds(5)))
                } catch let error as TransportError where error.code == .connectFailed {
                    break
                } catch {}
                try await Task.sleep(for: .milliseconds(10))
            }
            #expect(!stopped.current, "stop() must wait for the request in flight")
            release.open()
            let (status, body, _) = try await slow
            #expect(status == 503)
            #expect(body == "still starting\n")
            await stopping.value
            await #expect(throws: TransportError.self) { try await get(client, "/healthz") }
            await #expect(throws: TransportError.self) { try await get(idle, "/healthz") }
        }
    }

    @Test("A stopped server can start again")
    func restart() async throws {
        try await withServer { server, _, _ in
            await server.stop()
            let port = try await server.start()
            let client = CurlTransport(server: ServerURL(scheme: .http, host: "127.0.0.1", port: port))
            defer { client.shutDown() }
            #expect(try await get(client, "/healthz").0 == 200)
        }
    }
}
