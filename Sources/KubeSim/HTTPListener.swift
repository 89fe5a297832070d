import HTTPServing

/// The HTTP side of the simulated API server: turns served requests into `APIRequest`s for the
/// handler and its answers back into HTTP, watches as streamed bodies (one event per line).
struct HTTPListener: Sendable {
    let handler: APIHandler

    func respond(to served: ServedRequest) async -> ServedResponse {
        let request = APIRequest(
            method: served.method, uri: served.uri, headers: served.headers.map { ($0.name, $0.value) },
            body: served.body, serverAddress: served.localAddress)
        switch await handler.handle(request) {
        case let .document(status, headers, body):
            return .full(status: status, headers: headers.map { (name: $0.0, value: $0.1) }, body: body)
        case let .watch(events, companions):
            let (chunks, continuation) = AsyncStream<[UInt8]>.makeStream()
            let pump = Task {
                for await line in events { continuation.yield(line) }
                continuation.finish()
            }
            // The server stops reading when the connection closes: end the watch and its companions.
            continuation.onTermination = { _ in
                pump.cancel()
                for task in companions { task.cancel() }
            }
            return .streamed(status: 200, headers: [(name: "Content-Type", value: "application/json")], chunks: chunks)
        }
    }
}
