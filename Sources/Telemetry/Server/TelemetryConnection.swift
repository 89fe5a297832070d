import NIOCore
import NIOHTTP1
import Synchronization

/// One HTTP/1.1 connection to the telemetry server: reads requests one at a time and answers
/// each, until the client closes, asks to close, or the server stops.
struct TelemetryConnection: Sendable {
    typealias Channel = NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>

    let channel: Channel
    let routes: TelemetryRoutes
    let connections: ConnectionSet

    /// Every path goes through `executeThenClose`, even a refused connection's: NIO requires an
    /// async channel's writer to be finished before it is released.
    func serve() async {
        try? await channel.executeThenClose { inbound, outbound in
            guard let id = connections.open(channel.channel) else { return }
            defer { connections.closed(id) }
            var head: HTTPRequestHead?
            for try await part in inbound {
                switch part {
                case .head(let requestHead):
                    head = requestHead
                    guard connections.markBusy(id) else { return }
                case .body:
                    break  // the endpoints take no body
                case .end:
                    guard let request = head else { continue }
                    head = nil
                    let answer = await routes.answer(method: request.method.rawValue, target: request.uri)
                    try await write(answer, for: request, to: outbound)
                    guard request.isKeepAlive, connections.markIdle(id) else { return }
                }
            }
        }
    }

    private func write(
        _ answer: TelemetryRoutes.Answer, for request: HTTPRequestHead,
        to outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>
    ) async throws {
        let body = ByteBuffer(string: answer.body)
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: answer.contentType)
        headers.add(name: "Content-Length", value: String(body.readableBytes))
        if !request.isKeepAlive || connections.isStopping { headers.add(name: "Connection", value: "close") }
        let head = HTTPResponseHead(version: request.version, status: .init(statusCode: answer.status), headers: headers)
        try await outbound.write(.head(head))
        if request.method != .HEAD { try await outbound.write(.body(.byteBuffer(body))) }
        try await outbound.write(.end(nil))
    }
}

/// The server's open connections and whether each is answering a request, so that a stop can
/// close the idle ones at once and let the busy ones finish their answer first.
final class ConnectionSet: Sendable {
    private struct State {
        var stopping = false
        var nextID = 0
        var open: [Int: any Channel] = [:]
        var busy: Set<Int> = []
    }

    private let state = Mutex(State())

    var isStopping: Bool { state.withLock { $0.stopping } }

    /// Allows connections again after a stop (a restarted server).
    func reopen() { state.withLock { $0.stopping = false } }

    /// Registers a new connection as idle; `nil` when the server is stopping.
    func open(_ channel: any Channel) -> Int? {
        state.withLock { state in
            guard !state.stopping else { return nil }
            state.nextID += 1
            state.open[state.nextID] = channel
            return state.nextID
        }
    }

    /// A request started; `false` when the server is stopping (the connection is being closed).
    func markBusy(_ id: Int) -> Bool {
        state.withLock { state in
            guard !state.stopping, state.open[id] != nil else { return false }
            state.busy.insert(id)
            return true
        }
    }

    /// The answer is written; `false` when the server is stopping and the connection should close.
    func markIdle(_ id: Int) -> Bool {
        state.withLock { state in
            state.busy.remove(id)
            return !state.stopping
        }
    }

    func closed(_ id: Int) {
        state.withLock { state in
            state.open[id] = nil
            state.busy.remove(id)
        }
    }

    /// Refuses new connections and requests, and closes the idle connections; busy ones close
    /// after their answer.
    func closeIdleAndRefuseNew() {
        let idle = state.withLock { state in
            state.stopping = true
            return state.open.filter { !state.busy.contains($0.key) }.map(\.value)
        }
        for channel in idle { channel.close(promise: nil) }
    }
}
