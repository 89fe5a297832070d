/// An HTTP method. Only the ones the Kubernetes API uses.
public enum HTTPMethod: String, Sendable, Hashable {
    case get = "GET"
    case post = "POST"
    case put = "PUT"
    case patch = "PATCH"
    case delete = "DELETE"
    case head = "HEAD"

    /// Whether repeating the request cannot change the outcome (RFC 9110 §9.2.2), which is what
    /// decides if a failed attempt may be retried blindly.
    public var isIdempotent: Bool {
        switch self {
        case .get, .head, .put, .delete: return true
        case .post, .patch: return false
        }
    }
}

/// One request for a transport: relative to the server the transport was made for.
///
/// `target` is the path and query (`/api/v1/namespaces/default/pods?limit=5`), already escaped;
/// the server's own path prefix is added by the transport. A header value is sent as given, so
/// the caller must not put a line break in one.
public struct HTTPRequest: Sendable {
    public var method: HTTPMethod
    public var target: String
    public var headers: HTTPHeaders
    public var body: [UInt8]?
    /// The whole exchange, connecting included; `nil` means no limit (watches, which use
    /// `idleTimeout` instead).
    public var timeout: Duration?
    /// Abort when fewer than one byte per second arrives for this long. Meant for long-lived
    /// streams that must not have a total timeout but must notice a peer that silently went
    /// away. libcurl averages the speed over the last few seconds, so the abort can come up to
    /// about five seconds later than this after the last bytes.
    public var idleTimeout: Duration?
    /// A client certificate to present for this request, when the credential is one (an exec
    /// plugin may return a certificate that changes over time, so it is per request).
    public var clientCertificate: ClientCertificate?

    public init(
        method: HTTPMethod = .get, target: String, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8]? = nil,
        timeout: Duration? = .seconds(30), idleTimeout: Duration? = nil, clientCertificate: ClientCertificate? = nil
    ) {
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.idleTimeout = idleTimeout
        self.clientCertificate = clientCertificate
    }
}

/// An ordered list of header fields, looked up without regard to case as HTTP requires.
///
/// Printing it (`description`, `debugDescription`, `dump`) shows `Authorization` as
/// `<redacted>`, so a request or response can be logged without leaking a token.
public struct HTTPHeaders: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    public private(set) var fields: [(name: String, value: String)] = []

    public init() {}

    public init(dictionaryLiteral elements: (String, String)...) {
        for (name, value) in elements { add(name, value) }
    }

    public mutating func add(_ name: String, _ value: String) { fields.append((name, value)) }

    /// Replaces every field called `name` with one holding `value`.
    public mutating func set(_ name: String, _ value: String) {
        remove(name)
        add(name, value)
    }

    public mutating func remove(_ name: String) {
        fields.removeAll { $0.name.caseInsensitiveEquals(name) }
    }

    /// The first value of the field called `name`.
    public subscript(name: String) -> String? {
        fields.first { $0.name.caseInsensitiveEquals(name) }?.value
    }

    public static func == (lhs: HTTPHeaders, rhs: HTTPHeaders) -> Bool {
        lhs.fields.elementsEqual(rhs.fields) { $0.name == $1.name && $0.value == $1.value }
    }

}

extension HTTPHeaders: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String {
        fields.map { field in
            let value = field.name.caseInsensitiveEquals("authorization") ? "<redacted>" : field.value
            return "\(field.name): \(value)"
        }.joined(separator: "\n")
    }

    public var debugDescription: String { description }

    /// The redacted text as the only child, so `dump()` of a request cannot reach the raw fields.
    public var customMirror: Mirror { Mirror(self, children: ["fields": description], displayStyle: .struct) }
}

extension String {
    /// ASCII case-insensitive comparison, which is what header names need (they are tokens).
    func caseInsensitiveEquals(_ other: String) -> Bool {
        utf8.elementsEqual(other.utf8) { asciiLowercased($0) == asciiLowercased($1) }
    }
}

private func asciiLowercased(_ byte: UInt8) -> UInt8 {
    (0x41...0x5A).contains(byte) ? byte | 0x20 : byte
}
