import KubeClient
import Synchronization

/// An `HTTPTransport` that passes every request on and counts it: requests and time in flight
/// per method, and watch streams opened. This is how the benchmark sees what the controller
/// asks of each API server (requests per reconcile, time spent waiting on I/O) without
/// instrumenting the controller.
///
/// A class, not a struct: `MemberWatches` tells clients apart by the transport's object
/// identity, and a struct boxed anew on every look would read as a new client each time.
final class CountingTransport: HTTPTransport {
    struct Tally: Sendable, Codable {
        var requests: [String: Int] = [:]
        /// Summed wall time from send to response, per method. Requests overlap, so the sum
        /// can exceed the elapsed time.
        var seconds: [String: Double] = [:]
        var streams = 0

        var totalRequests: Int { requests.values.reduce(0, +) }
        var totalSeconds: Double { seconds.values.reduce(0, +) }

        mutating func add(_ other: Tally) {
            requests.merge(other.requests, uniquingKeysWith: +)
            seconds.merge(other.seconds, uniquingKeysWith: +)
            streams += other.streams
        }
    }

    private let inner: any HTTPTransport
    private let tally = Mutex(Tally())

    init(_ inner: any HTTPTransport) { self.inner = inner }

    var counts: Tally { tally.withLock { $0 } }

    func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
        let clock = ContinuousClock()
        let start = clock.now
        defer {
            let elapsed = seconds(clock.now - start)
            let method = request.method.rawValue
            tally.withLock {
                $0.requests[method, default: 0] += 1
                $0.seconds[method, default: 0] += elapsed
            }
        }
        return try await inner.send(request)
    }

    func stream(_ request: HTTPRequest) -> AsyncThrowingStream<[UInt8], Error> {
        tally.withLock { $0.streams += 1 }
        return inner.stream(request)
    }
}
