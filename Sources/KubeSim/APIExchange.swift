import Foundation
import KubeObjects

/// One HTTP request as the API layer sees it, independent of NIO.
struct APIRequest: Sendable {
    var method: String
    var path: String
    var query: [String: String]
    /// Header names lowercased.
    var headers: [String: String]
    var body: [UInt8]
    /// `host:port` the request came in on, as discovery reports it.
    var serverAddress: String

    /// Splits `/a/b?x=1&y=%2C` into a path and percent-decoded query parameters.
    init(method: String, uri: String, headers: [(String, String)], body: [UInt8], serverAddress: String = "") {
        self.method = method
        self.serverAddress = serverAddress
        let parts = uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        path = parts.first.map { Self.decodePath($0) } ?? "/"
        var query: [String: String] = [:]
        if parts.count > 1 {
            for pair in parts[1].split(separator: "&") {
                let keyValue = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let key = Self.decode(keyValue[0])
                query[key] = keyValue.count > 1 ? Self.decode(keyValue[1]) : ""
            }
        }
        self.query = query
        var lowered: [String: String] = [:]
        for (name, value) in headers { lowered[name.lowercased()] = value }
        self.headers = lowered
        self.body = body
    }

    /// Percent-decoding goes through Foundation, which is slow; most paths and queries have
    /// nothing to decode.
    private static func decodePath(_ text: Substring) -> String {
        guard text.utf8.contains(UInt8(ascii: "%")) else { return String(text) }
        return String(text).removingPercentEncoding ?? String(text)
    }

    private static func decode(_ text: Substring) -> String {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "+") }) else {
            return String(text)
        }
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    /// The body as JSON; an empty or malformed body is a 400.
    func jsonBody() throws(StatusError) -> JSONValue {
        guard !body.isEmpty else { throw StatusError(.badRequest, "the request body is empty") }
        do {
            return try JSONValue(parsing: body)
        } catch {
            throw StatusError(.badRequest, "the request body is not valid JSON: \(error)")
        }
    }

    func flag(_ name: String) -> Bool {
        guard let value = query[name] else { return false }
        return value == "true" || value == "1"
    }
}

/// What the API layer answers: a whole document, or a watch stream of JSON lines.
enum APIResponse: Sendable {
    case document(status: Int, headers: [(String, String)], body: [UInt8])
    /// `companions` are tasks that feed or end the stream (bookmarks, `timeoutSeconds`); the writer
    /// cancels them when the stream ends.
    case watch(events: AsyncStream<[UInt8]>, companions: [Task<Void, Never>])

    static func json(_ value: JSONValue, status: Int = 200) -> APIResponse {
        .document(status: status, headers: [("Content-Type", "application/json")], body: value.jsonBytes)
    }

    static func failure(_ error: StatusError) -> APIResponse {
        var headers = [("Content-Type", "application/json")]
        if let seconds = error.retryAfterSeconds { headers.append(("Retry-After", String(seconds))) }
        return .document(status: error.reason.code, headers: headers, body: error.jsonValue.jsonBytes)
    }

    static func text(_ text: String) -> APIResponse {
        .document(status: 200, headers: [("Content-Type", "text/plain; charset=utf-8")], body: Array(text.utf8))
    }
}
