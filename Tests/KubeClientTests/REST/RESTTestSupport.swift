import Foundation
import KubeObjects
import Synchronization

@testable import KubeClient

/// A clock whose `sleep` returns at once, moving time forward and recording how long the code
/// under test asked to wait, so that retry delays are asserted as values, not timed.
final class RecordingClock: KubeClock {
    private let state = Mutex((now: ClockInstant.zero, sleeps: [Duration]()))

    var now: ClockInstant { state.withLock { $0.now } }

    var wallTime: Duration { .seconds(1_767_225_600) + now.offset }

    var sleeps: [Duration] { state.withLock { $0.sleeps } }

    func sleep(until deadline: ClockInstant) async throws {
        try Task.checkCancellation()
        state.withLock { state in
            state.sleeps.append(deadline - state.now)
            state.now = max(state.now, deadline)
        }
    }
}

/// Runs `body` against a scripted server and a `KubeAPI` over a real `CurlTransport` to it.
func withScriptedAPI<Result>(
    authenticator: Authenticator = .token(Secret("t0ken")),
    retryPolicy: RetryPolicy = RetryPolicy(initialBackoff: .milliseconds(100), maximumBackoff: .seconds(1)),
    _ handler: @escaping ScriptedHTTPServer.Handler,
    _ body: (ScriptedHTTPServer, KubeAPI, RecordingClock) async throws -> Result
) async throws -> Result {
    let clock = RecordingClock()
    return try await withScriptedServer(handler) { server, transport in
        let api = KubeAPI(transport: transport, authenticator: authenticator, retryPolicy: retryPolicy, clock: clock)
        return try await body(server, api, clock)
    }
}

/// Answers requests from a list, in order; once it runs out, repeats the last one.
final class ResponseSequence: Sendable {
    private let responses: Mutex<[ScriptedResponse]>

    init(_ responses: [ScriptedResponse]) {
        precondition(!responses.isEmpty)
        self.responses = Mutex(responses)
    }

    func next(_: RecordedRequest) -> ScriptedResponse {
        responses.withLock { $0.count > 1 ? $0.removeFirst() : $0[0] }
    }
}

/// A token file whose contents the test changes, read through an in-memory `FileAccess`.
final class RotatingTokenFile: Sendable {
    private let token: Mutex<String>

    init(_ token: String) { self.token = Mutex(token) }

    func rotate(to token: String) { self.token.withLock { $0 = token } }

    func source(initialToken: String) -> TokenFileSource {
        let environment = ConfigEnvironment(
            variables: [:], files: FileAccess { [self] _ in .contents(Array(token.withLock { $0 }.utf8)) })
        return TokenFileSource(path: "/var/run/token", environment: environment, initialToken: Secret(initialToken))
    }
}

func configMap(_ name: String, namespace: String = "default", version: String = "1") -> JSONValue {
    ["apiVersion": "v1", "kind": "ConfigMap",
     "metadata": ["name": .string(name), "namespace": .string(namespace), "resourceVersion": .string(version)]]
}

extension RecordedRequest {
    var json: JSONValue? { try? JSONValue(parsing: body) }
}
