import Foundation
import Glibc
import KubeClient
import Synchronization

/// A small HTTP/1.1 server on 127.0.0.1 for transport tests: it accepts on a background thread,
/// serves each connection on its own thread, answers every request with what the test's
/// handler returns, and records the requests and the number of connections.
///
/// Enough HTTP for libcurl: request bodies must come with `Content-Length`; keep-alive is the
/// default; responses are fixed-length or chunked.
final class ScriptedHTTPServer: Sendable {
    typealias Handler = @Sendable (RecordedRequest) -> ScriptedResponse

    let port: Int
    private let listener: Int32
    private let handler: Handler
    private let state = Mutex(State())
    /// "closed N" when a held response notices that the client went away.
    let events = EventLog<String>()

    private struct State {
        var requests: [RecordedRequest] = []
        var connections = 0
        var openSockets: Set<Int32> = []
        var stopped = false
    }

    init(handler: @escaping Handler) throws {
        self.handler = handler
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ServerError("socket failed") }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 256) == 0 else {
            close(fd)
            throw ServerError("bind or listen failed")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        listener = fd
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    /// Closes the listening socket and every open connection; server threads then end.
    func stop() {
        let sockets = state.withLock { state in
            state.stopped = true
            return state.openSockets
        }
        Glibc.shutdown(listener, Int32(SHUT_RDWR))
        for socket in sockets { Glibc.shutdown(socket, Int32(SHUT_RDWR)) }
        events.finish()
    }

    var server: ServerURL { ServerURL(scheme: .http, host: "127.0.0.1", port: port) }

    var requests: [RecordedRequest] { state.withLock { $0.requests } }

    var connectionCount: Int { state.withLock { $0.connections } }

    // MARK: Threads

    private func acceptLoop() {
        while true {
            let client = accept(listener, nil, nil)
            if client < 0 {
                let error = errno
                // `stop()` shuts the listener down, after which accept fails with EINVAL.
                if error == EINVAL || error == EBADF || state.withLock({ $0.stopped }) { break }
                // A signal (EINTR), a client that gave up (ECONNABORTED), a momentary shortage of
                // descriptors or buffers: keep accepting. Giving up would close the listener and
                // reset every connection still queued, which a test would see as the server's
                // fault ("Connection reset by peer").
                if error != EINTR { usleep(1000) }
                continue
            }
            let number: Int? = state.withLock { state in
                guard !state.stopped else { return nil }
                state.connections += 1
                state.openSockets.insert(client)
                return state.connections
            }
            guard let number else {
                close(client)
                break
            }
            let thread = Thread { [self] in serve(client, number: number) }
            thread.start()
        }
        close(listener)
    }

    private func serve(_ socket: Int32, number: Int) {
        var reader = SocketReader(socket: socket)
        defer {
            state.withLock { _ = $0.openSockets.remove(socket) }
            close(socket)
        }
        while let request = reader.readRequest(connection: number) {
            state.withLock { $0.requests.append(request) }
            let response = handler(request)
            if response.drop { return }
            guard respond(response, on: socket, connection: number, reader: &reader) else { return }
            if response.close { return }
        }
    }

    /// Writes the response; `false` when the connection should end.
    private func respond(
        _ response: ScriptedResponse, on socket: Int32, connection: Int, reader: inout SocketReader
    ) -> Bool {
        var head = "HTTP/1.1 \(response.status) Scripted\r\n"
        for (name, value) in response.headers { head += "\(name): \(value)\r\n" }
        if response.close { head += "Connection: close\r\n" }
        switch response.body {
        case .fixed(let bytes):
            head += "Content-Length: \(bytes.count)\r\n\r\n"
            return write(Array(head.utf8) + bytes, to: socket)
        case .chunked(let parts, let hold):
            head += "Transfer-Encoding: chunked\r\n\r\n"
            guard write(Array(head.utf8), to: socket) else { return false }
            for part in parts {
                switch part {
                case .chunk(let bytes):
                    let frame = Array(String(bytes.count, radix: 16).utf8) + [13, 10] + bytes + [13, 10]
                    guard write(frame, to: socket) else { return false }
                case .wait(let gate):
                    gate.wait()
                }
            }
            if hold {
                reader.waitForClose()
                events.record("closed \(connection)")
                return false
            }
            return write(Array("0\r\n\r\n".utf8), to: socket)
        }
    }

    private func write(_ bytes: [UInt8], to socket: Int32) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent < 0, errno == EINTR { continue }  // a signal (other tests' child processes), not the peer
            guard sent > 0 else { return false }
            offset += sent
        }
        return true
    }
}

struct ServerError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
