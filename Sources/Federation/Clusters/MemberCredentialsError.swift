/// Why a member's credentials cannot be put together from its FederatedCluster and Secret: which
/// cluster, which Secret and key, and what is wrong. Never quotes a value from the Secret.
public struct MemberCredentialsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A struct over private names rather than an enum, so that new codes break no caller.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        public var description: String { name }

        /// No Secret of that name in the federation namespace.
        public static let secretNotFound = Code("secretNotFound")
        /// A key the configuration needs is absent or empty.
        public static let missingKey = Code("missingKey")
        /// A value is not valid base64, or decodes to something unusable (a token with a line break).
        public static let invalidValue = Code("invalidValue")
        /// `spec.apiEndpoint` is not a host, host:port, IP, IP:port or http(s) URL.
        public static let invalidEndpoint = Code("invalidEndpoint")
    }

    public var code: Code
    /// The FederatedCluster's name.
    public var cluster: String
    /// `namespace/name` of the Secret.
    public var secret: String
    /// The Secret key at fault, when one is.
    public var key: String?
    public var message: String

    public init(_ code: Code, cluster: String, secret: String, key: String? = nil, _ message: String) {
        self.code = code
        self.cluster = cluster
        self.secret = secret
        self.key = key
        self.message = message
    }

    /// The `Joined` reason this problem is reported with.
    public var conditionReason: String {
        switch code {
        case .secretNotFound: return ClusterConditionReason.secretNotFound
        case .invalidEndpoint: return ClusterConditionReason.invalidAPIEndpoint
        default: return ClusterConditionReason.invalidSecret
        }
    }

    /// `FederatedCluster member-1: Secret kube-admiral-system/member-1: key bootstrap-token-data: is not valid base64`.
    public var description: String {
        if code == .invalidEndpoint { return "FederatedCluster \(cluster): spec.apiEndpoint: \(message)" }
        let key = self.key.map { ": key \($0)" } ?? ""
        return "FederatedCluster \(cluster): Secret \(secret)\(key): \(message)"
    }
}
