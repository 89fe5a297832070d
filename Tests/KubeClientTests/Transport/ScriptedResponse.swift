import Dispatch
import KubeClient

/// A request as the scripted server received it.
struct RecordedRequest: Sendable {
    var method: String
    var target: String
    var headers: HTTPHeaders
    var body: [UInt8]
    /// 1-based number of the TCP connection it came on, in order of acceptance.
    var connection: Int

    var path: String { String(target.split(separator: "?", maxSplits: 1)[0]) }

    /// The query parameters, percent-decoded.
    var query: [String: String] {
        guard let question = target.firstIndex(of: "?") else { return [:] }
        var result: [String: String] = [:]
        for pair in target[target.index(after: question)...].split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).removingPercentEncoding ?? String($0) }
            result[parts[0]] = parts.count > 1 ? parts[1] : ""
        }
        return result
    }

    var bodyText: String { String(decoding: body, as: UTF8.self) }
}

/// A point in a scripted response where the server thread waits until the test opens it, so a
/// test can see one chunk arrive before the next is written, without timing anything.
final class Gate: Sendable {
    private let semaphore = DispatchSemaphore(value: 0)

    func open() { semaphore.signal() }

    func wait() { semaphore.wait() }
}

/// What the scripted server answers to one request.
struct ScriptedResponse: Sendable {
    enum Part: Sendable {
        case chunk([UInt8])
        case wait(Gate)
    }

    enum Body: Sendable {
        /// Sent with `Content-Length`.
        case fixed([UInt8])
        /// Sent with `Transfer-Encoding: chunked`, one HTTP chunk per `.chunk`. Unless `hold`,
        /// the terminating chunk follows; with `hold`, the server keeps the response open until
        /// the client closes the connection.
        case chunked([Part], hold: Bool)
    }

    var status: Int
    var headers: [(String, String)] = []
    var body: Body = .fixed([])
    /// Close the connection after this response.
    var close = false
    /// Close the connection without answering at all, as a crashing server would.
    var drop = false

    /// No response: the connection is closed after the request was read.
    static let dropConnection = ScriptedResponse(status: 0, close: true, drop: true)

    static func json(_ status: Int, _ text: String, headers: [(String, String)] = [], close: Bool = false)
        -> ScriptedResponse
    {
        ScriptedResponse(
            status: status, headers: [("Content-Type", "application/json")] + headers, body: .fixed(Array(text.utf8)),
            close: close)
    }

    /// A `meta/v1 Status` failure body, as the API server sends for errors.
    static func status(_ code: Int, reason: String, message: String = "scripted", headers: [(String, String)] = [])
        -> ScriptedResponse
    {
        json(
            code,
            #"{"kind":"Status","apiVersion":"v1","status":"Failure","message":"\#(message)","reason":"\#(reason)","code":\#(code)}"#,
            headers: headers)
    }
}

extension String {
    /// Percent-decoding without Foundation's URL machinery, enough for query values in tests.
    var removingPercentEncoding: String? {
        var bytes: [UInt8] = []
        var iterator = utf8.makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%") {
                guard let high = iterator.next(), let low = iterator.next(),
                    let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)
                else { return nil }
                bytes.append(value)
            } else if byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
