import KubeObjects

/// The content of one kubeconfig file, or of several merged the way kubectl merges them.
///
/// Entries are kept by name, as client-go keeps them after reading, because every lookup is by
/// name (a context names a cluster and a user) and merging is per name. Relative file paths are
/// already resolved against the directory of the file each entry came from.
///
/// `preferences` is read past and dropped: it only affects kubectl's own output.
public struct Kubeconfig: Sendable, Equatable {
    public var clusters: [String: Cluster]
    public var users: [String: User]
    public var contexts: [String: Context]
    public var currentContext: String?

    public init(
        clusters: [String: Cluster] = [:], users: [String: User] = [:], contexts: [String: Context] = [:],
        currentContext: String? = nil
    ) {
        self.clusters = clusters
        self.users = users
        self.contexts = contexts
        self.currentContext = currentContext
    }

    /// True when the file set nothing at all (an empty file, or only `preferences`).
    public var isEmpty: Bool {
        clusters.isEmpty && users.isEmpty && contexts.isEmpty && currentContext == nil
    }

    /// A `clusters[].cluster` entry: where the API server is and how to trust it.
    public struct Cluster: Sendable, Equatable {
        public var server: String
        /// A CA bundle file (`certificate-authority`), already resolved against the kubeconfig's directory.
        public var certificateAuthority: String?
        /// A CA bundle inline (`certificate-authority-data`, decoded from base64).
        public var certificateAuthorityData: [UInt8]?
        public var insecureSkipTLSVerify: Bool
        public var tlsServerName: String?
        public var proxyURL: String?
        /// The `client.authentication.k8s.io/exec` extension, passed to exec plugins as
        /// `spec.cluster.config` when they ask for cluster information.
        public var execExtension: JSONValue?
        /// The file this entry was read from, for error messages.
        public var origin: String?

        public init(
            server: String, certificateAuthority: String? = nil, certificateAuthorityData: [UInt8]? = nil,
            insecureSkipTLSVerify: Bool = false, tlsServerName: String? = nil, proxyURL: String? = nil,
            execExtension: JSONValue? = nil, origin: String? = nil
        ) {
            self.server = server
            self.certificateAuthority = certificateAuthority
            self.certificateAuthorityData = certificateAuthorityData
            self.insecureSkipTLSVerify = insecureSkipTLSVerify
            self.tlsServerName = tlsServerName
            self.proxyURL = proxyURL
            self.execExtension = execExtension
            self.origin = origin
        }
    }

    /// A `users[].user` entry: how to prove who we are. Secrets are `Secret`s so that printing
    /// a `User` never shows them.
    public struct User: Sendable, Equatable {
        public var clientCertificate: String?
        public var clientCertificateData: [UInt8]?
        public var clientKey: String?
        public var clientKeyData: Secret?
        public var token: Secret?
        public var tokenFile: String?
        /// Basic authentication is read so that Flotilla can say it ignores it, not used.
        public var username: String?
        public var password: Secret?
        public var exec: ExecConfig?
        /// The name of an `auth-provider` (`gcp`, `oidc`, `azure`), kept only to explain that it is
        /// not supported.
        public var authProvider: String?
        public var origin: String?

        public init(
            clientCertificate: String? = nil, clientCertificateData: [UInt8]? = nil, clientKey: String? = nil,
            clientKeyData: Secret? = nil, token: Secret? = nil, tokenFile: String? = nil, username: String? = nil,
            password: Secret? = nil, exec: ExecConfig? = nil, authProvider: String? = nil, origin: String? = nil
        ) {
            self.clientCertificate = clientCertificate
            self.clientCertificateData = clientCertificateData
            self.clientKey = clientKey
            self.clientKeyData = clientKeyData
            self.token = token
            self.tokenFile = tokenFile
            self.username = username
            self.password = password
            self.exec = exec
            self.authProvider = authProvider
            self.origin = origin
        }
    }

    /// A `contexts[].context` entry: a cluster, a user and a default namespace, by name.
    public struct Context: Sendable, Equatable {
        public var cluster: String
        public var user: String?
        public var namespace: String?
        public var origin: String?

        public init(cluster: String, user: String? = nil, namespace: String? = nil, origin: String? = nil) {
            self.cluster = cluster
            self.user = user
            self.namespace = namespace
            self.origin = origin
        }
    }
}

extension Kubeconfig {
    /// Adds what `later` sets and `self` does not, entry by entry, as kubectl merges the files of
    /// `$KUBECONFIG`: the first file to set a cluster, user or context name, or `current-context`,
    /// wins, and a later file's entry of the same name is dropped whole, even the fields the first
    /// one left out.
    public func merging(_ later: Kubeconfig) -> Kubeconfig {
        var merged = self
        merged.clusters.merge(later.clusters) { first, _ in first }
        merged.users.merge(later.users) { first, _ in first }
        merged.contexts.merge(later.contexts) { first, _ in first }
        if merged.currentContext == nil { merged.currentContext = later.currentContext }
        return merged
    }
}
