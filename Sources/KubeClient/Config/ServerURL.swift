/// The API server's address: `https` or `http`, a host, an optional port and an optional path
/// prefix (for servers behind a proxy, such as `https://rancher.example/k8s/clusters/c-1`).
///
/// Checked when the configuration is resolved, so a typo in `server:` is reported with the file
/// and field instead of as a connection failure later. A URL that carries a user name or password
/// is refused, and is not quoted in the error, since it holds a credential.
public struct ServerURL: Sendable, Hashable, CustomStringConvertible {
    public enum Scheme: String, Sendable {
        case https, http
    }

    public var scheme: Scheme
    /// The host name or address, without the brackets an IPv6 address is written with.
    public var host: String
    public var port: Int?
    /// Empty, or a path prefix starting with `/` and without a trailing `/`.
    public var path: String

    public init(scheme: Scheme, host: String, port: Int? = nil, path: String = "") {
        self.scheme = scheme
        self.host = host
        self.port = port
        self.path = path
    }

    /// The port to connect to: the explicit one, or the scheme's default.
    public var effectivePort: Int { port ?? (scheme == .https ? 443 : 80) }

    /// `host` or `host:port`, with an IPv6 address in brackets, as an HTTP `Host` header and a
    /// URL authority need it.
    public var authority: String {
        let bracketed = host.contains(":") ? "[\(host)]" : host
        return port.map { "\(bracketed):\($0)" } ?? bracketed
    }

    public var description: String { "\(scheme.rawValue)://\(authority)\(path)" }

    /// Parses and checks a `server` value.
    public init(validating text: String) throws(KubeConfigError) {
        func invalid(_ reason: String) -> KubeConfigError {
            let shown = text.contains("@") ? "the server URL" : "server \"\(text)\""
            return KubeConfigError(.invalidServer, "\(shown) \(reason)")
        }
        guard !text.isEmpty else { throw KubeConfigError(.invalidServer, "no server URL is set") }
        guard let separator = text.range(of: "://") else {
            throw invalid("has no scheme: write it as https://host:port")
        }
        guard let scheme = Scheme(rawValue: text[..<separator.lowerBound].lowercased()) else {
            throw invalid("must start with https:// or http://")
        }
        let rest = text[separator.upperBound...]
        guard !rest.contains("?"), !rest.contains("#") else { throw invalid("must not have a query or fragment") }
        let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        guard !authority.contains("@") else { throw invalid("must not contain a user name or password") }
        var path = String(rest[authorityEnd...])
        while path.hasSuffix("/") { path.removeLast() }

        let host: Substring
        let portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw invalid("has an unclosed [ in its host") }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            guard after.isEmpty || after.hasPrefix(":") else { throw invalid("has text after its IPv6 address") }
            portText = after.isEmpty ? nil : after.dropFirst()
            guard host.contains(":"), host.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." || $0 == "%" })
            else { throw invalid("has an invalid IPv6 address") }
        } else {
            let parts = authority.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count <= 2 else { throw invalid("has an IPv6 address that is not in brackets") }
            host = parts[0]
            portText = parts.count == 2 ? parts[1] : nil
            guard host.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." || $0 == "_" }) else {
                throw invalid("has an invalid host name")
            }
        }
        guard !host.isEmpty else { throw invalid("has no host") }
        var port: Int?
        if let portText {
            guard let number = Int(portText), (1...65535).contains(number), portText.allSatisfy(\.isNumber) else {
                throw invalid("has an invalid port: use a number from 1 to 65535")
            }
            port = number
        }
        self.init(scheme: scheme, host: String(host), port: port, path: path)
    }
}
