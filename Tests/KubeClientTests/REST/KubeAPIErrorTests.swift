import KubeObjects
import Testing

@testable import KubeClient

@Suite("Kube API errors, authentication and retries")
struct KubeAPIErrorTests {
    static let statusCases: [(Int, String, KubeAPIError.Code)] = [
        (400, "BadRequest", .badRequest), (401, "Unauthorized", .unauthorized), (403, "Forbidden", .forbidden),
        (404, "NotFound", .notFound), (405, "MethodNotAllowed", .methodNotAllowed),
        (409, "AlreadyExists", .alreadyExists), (409, "Conflict", .conflict), (410, "Expired", .gone),
        (422, "Invalid", .invalid), (429, "TooManyRequests", .tooManyRequests),
        (500, "InternalError", .serverError), (503, "ServiceUnavailable", .serverError),
        (418, "Teapot", .unexpectedStatus),
    ]

    @Test("Each Status the server answers with becomes its typed error", arguments: statusCases)
    func statusMapping(httpStatus: Int, reason: String, expected: KubeAPIError.Code) async throws {
        try await withScriptedAPI(authenticator: .none, retryPolicy: .never, { _ in
            .status(httpStatus, reason: reason, message: "scripted \(reason)")
        }) { _, api, _ in
            let error = await #expect(throws: KubeAPIError.self) {
                _ = try await api.get(.configMaps, namespace: "default", name: "x")
            }
            #expect(error?.code == expected)
            #expect(error?.httpStatus == httpStatus)
            #expect(error?.status?.reason == reason)
            #expect(error?.status?.message == "scripted \(reason)")
        }
    }

    @Test("A 429's Retry-After is reported on the error")
    func retryAfterOnError() async throws {
        try await withScriptedAPI(retryPolicy: .never, { _ in
            .status(429, reason: "TooManyRequests", headers: [("Retry-After", "7")])
        }) { _, api, _ in
            let error = await #expect(throws: KubeAPIError.self) { _ = try await api.get(.pods, namespace: "a", name: "b") }
            #expect(error?.retryAfter == .seconds(7))
        }
    }

    @Test("A 401 makes the authenticator re-read the token, and the call succeeds on the one retry")
    func unauthorizedRefresh() async throws {
        let file = RotatingTokenFile("new-token")
        let authenticator = Authenticator.tokenFile(file.source(initialToken: "expired-token"))
        try await withScriptedAPI(authenticator: authenticator, { request in
            request.headers["Authorization"] == "Bearer new-token"
                ? .json(200, configMap("ok").jsonString) : .status(401, reason: "Unauthorized")
        }) { server, api, clock in
            let object = try await api.get(.configMaps, namespace: "default", name: "ok")
            #expect(object == configMap("ok"))
            #expect(server.requests.map { $0.headers["Authorization"] } == ["Bearer expired-token", "Bearer new-token"])
            #expect(clock.sleeps.isEmpty)
        }
    }

    @Test("A second 401 in a row is returned as unauthorized, without a message that shows the token")
    func unauthorizedTwice() async throws {
        try await withScriptedAPI(authenticator: .tokenFile(RotatingTokenFile("still-bad").source(initialToken: "bad")), {
            _ in .status(401, reason: "Unauthorized")
        }) { server, api, _ in
            let error = await #expect(throws: KubeAPIError.self) {
                _ = try await api.create(.configMaps, configMap("c"))
            }
            #expect(error?.code == .unauthorized)
            #expect(server.requests.count == 2)
            let text = String(describing: error)
            #expect(!text.contains("still-bad") && !text.contains("Bearer"))
        }
    }

    @Test("A credential that cannot be obtained fails the call before anything is sent")
    func credentialFailure() async throws {
        let environment = ConfigEnvironment(variables: [:], files: FileAccess { _ in .notFound })
        let authenticator = Authenticator.tokenFile(TokenFileSource(path: "/missing/token", environment: environment))
        try await withScriptedAPI(authenticator: authenticator, { _ in .json(200, "{}") }) { server, api, _ in
            let error = await #expect(throws: KubeAPIError.self) { _ = try await api.list(.pods) }
            #expect(error?.code == .credential)
            #expect(error?.message.contains("/missing/token") == true)
            #expect(server.requests.isEmpty)
        }
    }

    @Test("A 429 with Retry-After waits the server's delay, then the call is retried")
    func retryAfterHonoured() async throws {
        let script = ResponseSequence([
            .status(429, reason: "TooManyRequests", headers: [("Retry-After", "1")]), .json(200, configMap("a").jsonString),
        ])
        try await withScriptedAPI(script.next) { server, api, clock in
            _ = try await api.get(.configMaps, namespace: "default", name: "a")
            #expect(server.requests.count == 2)
            #expect(clock.sleeps == [.seconds(1)])
        }
    }

    @Test("A POST is retried after a 429, since the server did not act on it")
    func postRetriedAfter429() async throws {
        let script = ResponseSequence([
            .status(429, reason: "TooManyRequests", headers: [("Retry-After", "2")]), .json(201, configMap("a").jsonString),
        ])
        try await withScriptedAPI(script.next) { server, api, clock in
            _ = try await api.create(.configMaps, configMap("a"))
            #expect(server.requests.map(\.method) == ["POST", "POST"])
            #expect(clock.sleeps == [.seconds(2)])
        }
    }

    @Test("A GET is retried after a 503 with a jittered backoff")
    func getRetriedAfter503() async throws {
        let script = ResponseSequence([
            .status(503, reason: "ServiceUnavailable"), .status(503, reason: "ServiceUnavailable"),
            .json(200, configMap("a").jsonString),
        ])
        try await withScriptedAPI(script.next) { server, api, clock in
            _ = try await api.get(.configMaps, namespace: "default", name: "a")
            #expect(server.requests.count == 3)
            let sleeps = clock.sleeps
            #expect(sleeps.count == 2)
            // Equal jitter: the n-th wait lies in [d/2, d] for d = 100 ms · 2^(n-1).
            #expect((Duration.milliseconds(50)...Duration.milliseconds(100)).contains(sleeps[0]))
            #expect((Duration.milliseconds(100)...Duration.milliseconds(200)).contains(sleeps[1]))
        }
    }

    @Test("A POST that got a 503 is not retried, since it may have taken effect")
    func postNotRetriedAfter503() async throws {
        let script = ResponseSequence([.status(503, reason: "ServiceUnavailable"), .json(201, "{}")])
        try await withScriptedAPI(script.next) { server, api, clock in
            let error = await #expect(throws: KubeAPIError.self) { _ = try await api.create(.configMaps, configMap("a")) }
            #expect(error?.code == .serverError)
            #expect(server.requests.count == 1)
            #expect(clock.sleeps.isEmpty)
        }
    }

    @Test("A GET whose connection broke after sending is retried")
    func getRetriedAfterDrop() async throws {
        let script = ResponseSequence([.dropConnection, .json(200, configMap("a").jsonString)])
        try await withScriptedAPI(script.next) { server, api, clock in
            _ = try await api.get(.configMaps, namespace: "default", name: "a")
            #expect(server.requests.count == 2)
            #expect(clock.sleeps.count == 1)
        }
    }

    @Test("A PATCH whose connection broke after sending is not retried, since it may have been applied")
    func patchNotRetriedAfterDrop() async throws {
        let script = ResponseSequence([.dropConnection, .json(200, "{}")])
        try await withScriptedAPI(script.next) { server, api, clock in
            let error = await #expect(throws: KubeAPIError.self) {
                _ = try await api.patch(.configMaps, namespace: "default", name: "a", ["data": ["k": "v"]])
            }
            #expect(error?.code == .transport)
            #expect(error?.transportError?.requestMayHaveBeenSent == true)
            #expect(server.requests.count == 1)
            #expect(clock.sleeps.isEmpty)
        }
    }

    @Test("Retries stop after the policy's number of attempts")
    func attemptsAreBounded() async throws {
        try await withScriptedAPI(retryPolicy: RetryPolicy(maxAttempts: 3), { _ in .status(500, reason: "InternalError") }) {
            server, api, clock in
            let error = await #expect(throws: KubeAPIError.self) { _ = try await api.list(.pods) }
            #expect(error?.code == .serverError)
            #expect(server.requests.count == 3)
            #expect(clock.sleeps.count == 2)
        }
    }

    @Test("A refused connection is retried for a write too, because nothing was sent")
    func refusedConnectionRetried() async throws {
        let refusing = try RefusingPort()
        let transport = CurlTransport(server: refusing.server)
        defer { transport.shutDown() }
        let clock = RecordingClock()
        let api = KubeAPI(transport: transport, retryPolicy: RetryPolicy(maxAttempts: 3), clock: clock)
        let error = await #expect(throws: KubeAPIError.self) { _ = try await api.create(.configMaps, configMap("a")) }
        #expect(error?.code == .transport)
        #expect(error?.transportError?.code == .connectFailed)
        #expect(clock.sleeps.count == 2)
    }
}
