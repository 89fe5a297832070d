/// Everything the transport needs to talk to one API server, whichever way it was configured
/// (a kubeconfig context or a pod's service account).
///
/// A plain value: where the server is, how to trust it, and how to authenticate. File references
/// are kept as paths rather than read once, so the transport can pick up rotated certificates.
/// Printing it shows the server, the TLS settings and the kind of authentication, never a secret.
public struct ClusterConnection: Sendable, CustomStringConvertible {
    public var server: ServerURL
    public var tls: TLSSettings
    public var authenticator: Authenticator
    /// The default namespace: the context's `namespace`, the pod's own namespace in-cluster, or
    /// `default`.
    public var namespace: String
    /// `proxy-url`, kept for the transport; not checked here.
    public var proxyURL: String?
    /// The kubeconfig context this came from; `nil` in-cluster.
    public var contextName: String?
    /// Settings that were read but are ignored, for the CLI to print (basic authentication,
    /// a CA given both inline and as a file).
    public var warnings: [String]

    public init(
        server: ServerURL, tls: TLSSettings = TLSSettings(), authenticator: Authenticator = .none,
        namespace: String = "default", proxyURL: String? = nil, contextName: String? = nil, warnings: [String] = []
    ) {
        self.server = server
        self.tls = tls
        self.authenticator = authenticator
        self.namespace = namespace
        self.proxyURL = proxyURL
        self.contextName = contextName
        self.warnings = warnings
    }

    public var description: String {
        var parts = ["server \(server)"]
        if let contextName { parts.append("context \(contextName)") }
        parts.append("namespace \(namespace)")
        parts.append("TLS \(tls)")
        parts.append("authentication \(authenticator)")
        if let proxyURL { parts.append("proxy \(proxyURL.contains("@") ? "<with credentials>" : proxyURL)") }
        return parts.joined(separator: ", ")
    }
}

/// How to trust the API server's certificate.
public struct TLSSettings: Sendable, Equatable, CustomStringConvertible {
    /// The CA bundle; `nil` means the system's trust store.
    public var certificateAuthority: PEMSource?
    /// `insecure-skip-tls-verify`: accept any server certificate. Never combined with a CA.
    public var insecureSkipVerify: Bool
    /// `tls-server-name`: the name to verify the certificate against (and send as SNI) instead of
    /// the server URL's host.
    public var serverName: String?

    public init(certificateAuthority: PEMSource? = nil, insecureSkipVerify: Bool = false, serverName: String? = nil) {
        self.certificateAuthority = certificateAuthority
        self.insecureSkipVerify = insecureSkipVerify
        self.serverName = serverName
    }

    public var description: String {
        if insecureSkipVerify { return "without verification" }
        var text = certificateAuthority.map { "CA \($0)" } ?? "system CAs"
        if let serverName { text += ", server name \(serverName)" }
        return text
    }
}

/// A PEM document that is not secret (a certificate or CA bundle), inline or in a file.
public enum PEMSource: Sendable, Equatable, CustomStringConvertible {
    case pem([UInt8])
    case file(String)

    public var description: String {
        switch self {
        case .pem(let bytes): return "inline (\(bytes.count) bytes)"
        case .file(let path): return path
        }
    }
}

/// A private key in PEM, inline (a `Secret`) or in a file.
public enum PrivateKeySource: Sendable, Equatable, CustomStringConvertible {
    case pem(Secret)
    case file(String)

    public var description: String {
        switch self {
        case .pem: return "inline key <redacted>"
        case .file(let path): return path
        }
    }
}

/// A client certificate and its key, for mutual TLS.
public struct ClientCertificate: Sendable, Equatable, CustomStringConvertible {
    public var certificate: PEMSource
    public var key: PrivateKeySource

    public init(certificate: PEMSource, key: PrivateKeySource) {
        self.certificate = certificate
        self.key = key
    }

    public var description: String { "certificate \(certificate), key \(key)" }
}

extension ClusterConnection: CustomDebugStringConvertible {
    /// The same redacted text as `description`, so `String(reflecting:)` and `debugPrint` are safe.
    public var debugDescription: String { description }
}

extension PrivateKeySource: CustomDebugStringConvertible {
    /// The same redacted text as `description`, so `String(reflecting:)` and `debugPrint` are safe.
    public var debugDescription: String { description }
}

extension ClientCertificate: CustomDebugStringConvertible {
    /// The same redacted text as `description`, so `String(reflecting:)` and `debugPrint` are safe.
    public var debugDescription: String { description }
}
