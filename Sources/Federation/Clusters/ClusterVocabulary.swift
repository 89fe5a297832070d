import KubeClient

/// The names the cluster controller reads and writes, in one place: the Secret's keys and the
/// condition reasons (kubeadmiral-api.md §5). The resource itself is `APIResource.federatedClusters`.
///
/// Reasons KubeAdmiral defines keep its spelling, so tools written for KubeAdmiral read Flotilla's
/// status unchanged. The others are Flotilla's, listed in docs/api-reference.md §4.
public enum ClusterVocabulary {
    /// Keys of the member's Secret (KubeAdmiral's `controllers/common/constants.go`).
    public enum SecretKey {
        public static let certificateAuthority = "certificate-authority-data"
        public static let clientCertificate = "client-certificate-data"
        public static let clientKey = "client-key-data"
        public static let bootstrapToken = "bootstrap-token-data"
        public static let serviceAccountToken = "service-account-token-data"
    }
}

/// `reason` values of the `Joined`, `Ready` and `Offline` conditions.
public enum ClusterConditionReason {
    // KubeAdmiral's (federatedcluster/clusterstatus.go, clusterjoin.go).
    public static let joined = "ClusterJoined"
    public static let ready = "ClusterReady"
    public static let healthzNotOK = "HealthzNotOK"
    public static let notReachable = "ClusterNotReachable"
    public static let reachable = "ClusterReachable"
    public static let resourceCollectionFailed = "ClusterResourceCollectionFailed"
    public static let apiDiscoveryFailed = "ClusterAPIDiscoveryFailed"

    // Flotilla's: why a member cannot be joined, or why it refuses us.
    /// The Secret named by `spec.secretRef` does not exist in the federation namespace.
    public static let secretNotFound = "SecretNotFound"
    /// The Secret exists but a key is missing, empty or not base64.
    public static let invalidSecret = "InvalidSecret"
    /// `spec.apiEndpoint` is not a host, host:port or URL.
    public static let invalidAPIEndpoint = "InvalidAPIEndpoint"
    /// The member answered 401: the token or certificate is invalid or expired.
    public static let unauthorized = "Unauthorized"
    /// The member answered 403: the credentials are valid but lack permission.
    public static let forbidden = "Forbidden"
}
