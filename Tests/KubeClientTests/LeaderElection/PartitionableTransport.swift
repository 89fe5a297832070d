import Synchronization

@testable import KubeClient

/// A transport that a test can cut off from the server, as a network partition would cut off one
/// replica while the others still reach the API server.
final class PartitionableTransport: HTTPTransport {
    enum Mode: Sendable {
        case connected
        /// Requests fail before anything is sent.
        case unreachable
        /// Requests reach the server and take effect, but the answers are lost.
        case answersLost
    }

    private let base: any HTTPTransport
    private let mode = Mutex(Mode.connected)

    init(_ base: any HTTPTransport) { self.base = base }

    func set(_ mode: Mode) { self.mode.withLock { $0 = mode } }

    func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
        switch mode.withLock({ $0 }) {
        case .connected:
            return try await base.send(request)
        case .unreachable:
            throw TransportError(.connectFailed, "partitioned (test)", requestMayHaveBeenSent: false)
        case .answersLost:
            _ = try await base.send(request)
            throw TransportError(.transferFailed, "answer lost (test)")
        }
    }

    func stream(_ request: HTTPRequest) -> AsyncThrowingStream<[UInt8], Error> { base.stream(request) }
}
