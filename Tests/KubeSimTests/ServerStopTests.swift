import Foundation
import HTTPServing
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Stopping a server while clients keep connecting: the window in which NIO's async server
/// channel trapped ("Deinited NIOAsyncWriter without calling finish()") and took the whole test
/// process down.
@Suite("HTTP server stop")
struct ServerStopTests {
    /// Opens TCP connections to `port` as fast as it can until `stop` is set; returns how many
    /// connected. Raw sockets: a connection that never sends a request is the case that matters.
    static func hammer(port: Int, until stop: Flag) -> Int {
        var connected = 0
        while !stop.isSet {
            if let fd = connectedSocket(port: port) {
                connected += 1
                close(fd)
            }
        }
        return connected
    }

    /// A TCP socket connected to `127.0.0.1:port`, or `nil`.
    static func connectedSocket(port: Int) -> Int32? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            close(fd)
            return nil
        }
        return fd
    }

    /// Sends one `GET /` and returns the status line.
    static func statusLine(port: Int) -> String {
        guard let fd = connectedSocket(port: port) else { return "connect failed" }
        defer { close(fd) }
        let request = Array("GET /ping HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n".utf8)
        _ = request.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { break }
            answer += buffer[0..<count]
        }
        return String(decoding: answer, as: UTF8.self).split(separator: "\r\n").first.map(String.init) ?? ""
    }

    /// A blocking client on a thread of its own.
    final class Client: @unchecked Sendable {
        private let done = DispatchSemaphore(value: 0)
        private var result = 0

        init(port: Int, until stop: Flag) {
            Thread {
                self.result = ServerStopTests.hammer(port: port, until: stop)
                self.done.signal()
            }.start()
        }

        func join() -> Int {
            done.wait()
            return result
        }

        /// Runs `body` on a thread of its own; the caller's task waits without holding a thread.
        static func run<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
            await withCheckedContinuation { continuation in
                Thread { continuation.resume(returning: body()) }.start()
            }
        }
    }

    final class Flag: @unchecked Sendable {
        private let lock = NSLock()
        private var value = false
        var isSet: Bool { lock.withLock { value } }
        func set() { lock.withLock { value = true } }
    }

    @Test("stopping while connections arrive closes them all and returns; the server starts again")
    func stopUnderConnections() async throws {
        let server = HTTPServer(host: "127.0.0.1", port: 0) { request in
            .full(status: request.uri == "/ping" ? 200 : 404, headers: [], body: Array("pong".utf8))
        }
        var connected = 0
        for round in 0..<8 {
            let port = try await server.start()
            let status = await Client.run { Self.statusLine(port: port) }
            #expect(status == "HTTP/1.1 200 OK", "round \(round)")
            let stop = Flag()
            // Threads of their own: blocking loops on the cooperative pool would starve the server.
            let clients = (0..<3).map { _ in Client(port: port, until: stop) }
            try await Task.sleep(for: .milliseconds(round % 2 == 0 ? 1 : 10))
            await server.stop()
            stop.set()
            for client in clients { connected += await Client.run { client.join() } }
            #expect(await server.port == nil)
        }
        #expect(connected > 0, "the clients connected while the server was stopping")
    }
}
