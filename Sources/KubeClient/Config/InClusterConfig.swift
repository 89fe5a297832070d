import Foundation

/// The connection a pod makes to its own cluster's API server with its service account, as
/// client-go's `rest.InClusterConfig` does.
///
/// - The server is `https://$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT` (an IPv6 host is
///   bracketed); both variables must be set.
/// - The token is the service account token file, which the kubelet rotates; it must be readable
///   now, and is re-read by a `TokenFileSource` as it changes.
/// - The CA is the `ca.crt` beside it. If it is missing, the system trust store is used and a
///   warning says so (client-go logs the same and carries on).
/// - The namespace is the `namespace` file beside it, or `default`.
public struct InClusterConfig: Sendable {
    /// Where the service account files are mounted; injectable so tests use a temporary directory.
    public struct Paths: Sendable, Equatable {
        public var token: String
        public var certificateAuthority: String
        public var namespace: String

        public init(token: String, certificateAuthority: String, namespace: String) {
            self.token = token
            self.certificateAuthority = certificateAuthority
            self.namespace = namespace
        }

        /// The three files in `directory`, named as the kubelet mounts them.
        public init(directory: String) {
            let base = directory.hasSuffix("/") ? directory : directory + "/"
            self.init(token: base + "token", certificateAuthority: base + "ca.crt", namespace: base + "namespace")
        }

        /// `/var/run/secrets/kubernetes.io/serviceaccount`, where every pod's service account is mounted.
        public static let standard = Paths(directory: "/var/run/secrets/kubernetes.io/serviceaccount")
    }

    public var paths: Paths
    public var environment: ConfigEnvironment
    /// How often the token file is re-read at most (see `TokenFileSource`).
    public var tokenRefreshInterval: Duration

    public init(
        paths: Paths = .standard, environment: ConfigEnvironment = .current, tokenRefreshInterval: Duration = .seconds(60)
    ) {
        self.paths = paths
        self.environment = environment
        self.tokenRefreshInterval = tokenRefreshInterval
    }

    /// True when the process looks like it runs in a pod (both service variables are set); the
    /// token file may still be missing, which `load()` reports.
    public var isAvailable: Bool {
        !(environment.variables["KUBERNETES_SERVICE_HOST"] ?? "").isEmpty
            && !(environment.variables["KUBERNETES_SERVICE_PORT"] ?? "").isEmpty
    }

    public func load() throws(KubeConfigError) -> ClusterConnection {
        let host = environment.variables["KUBERNETES_SERVICE_HOST"] ?? ""
        let portText = environment.variables["KUBERNETES_SERVICE_PORT"] ?? ""
        guard !host.isEmpty, !portText.isEmpty else {
            throw KubeConfigError(
                .notInCluster,
                "not running in a Kubernetes pod: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must both be set")
        }
        let authority = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]:\(portText)" : "\(host):\(portText)"
        let server: ServerURL
        do {
            server = try ServerURL(validating: "https://\(authority)")
        } catch {
            throw KubeConfigError(
                .invalidServer,
                "KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT do not form a server address: \(error.message)")
        }
        let token = try TokenFileSource.read(paths.token, environment: environment)
        var warnings: [String] = []
        var tls = TLSSettings()
        switch environment.files.read(paths.certificateAuthority) {
        case .contents:
            tls.certificateAuthority = .file(paths.certificateAuthority)
        case .notFound:
            warnings.append("\(paths.certificateAuthority) does not exist; the system's CAs are trusted instead")
        case .failed(let reason):
            warnings.append("cannot read \(paths.certificateAuthority) (\(reason)); the system's CAs are trusted instead")
        }
        var namespace = "default"
        if case .contents(let bytes) = environment.files.read(paths.namespace) {
            let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            if !text.isEmpty { namespace = text }
        }
        let source = TokenFileSource(
            path: paths.token, refreshInterval: tokenRefreshInterval, environment: environment, initialToken: token)
        return ClusterConnection(
            server: server, tls: tls, authenticator: .tokenFile(source), namespace: namespace, warnings: warnings)
    }
}
