import KubeObjects

/// A member cluster as the host sees it (kubeadmiral-api.md §5). Cluster-scoped.
public struct FederatedCluster: Sendable, Equatable {
    public static let kind = "FederatedCluster"

    public var reference: ObjectReference
    public var metadata: ObjectMeta
    public var spec: Spec
    public var status: FederatedClusterStatus
    public var raw: JSONValue

    public var name: String { metadata.name }
    public var labels: [String: String] { metadata.labels }

    /// `spec` (kubeadmiral-api.md §5.1).
    public struct Spec: Sendable, Hashable {
        /// Member API server address (required).
        public var apiEndpoint: String
        /// `secretRef.name`: the Secret with the member's credentials (required).
        public var secretName: String
        /// JSON key `useServiceAccount` (Go field `UseServiceAccountToken`).
        public var useServiceAccount: Bool
        public var insecure: Bool
        public var taints: [Taint]

        public init(
            apiEndpoint: String, secretName: String, useServiceAccount: Bool = false, insecure: Bool = false,
            taints: [Taint] = []
        ) {
            self.apiEndpoint = apiEndpoint
            self.secretName = secretName
            self.useServiceAccount = useServiceAccount
            self.insecure = insecure
            self.taints = taints
        }
    }

    public init(reference: ObjectReference, metadata: ObjectMeta, spec: Spec, status: FederatedClusterStatus, raw: JSONValue) {
        self.reference = reference
        self.metadata = metadata
        self.spec = spec
        self.status = status
        self.raw = raw
    }

    /// Decodes a `core.kubeadmiral.io/v1alpha1` FederatedCluster. `spec.apiEndpoint` and
    /// `spec.secretRef.name` are required, as in the CRD; `status` may be absent (a cluster that
    /// has not been probed yet, which is then neither joined nor ready).
    public static func decode(_ raw: JSONValue) throws(PolicyError) -> FederatedCluster {
        let header = try ObjectHeader(raw, apiVersion: KubeAdmiralAPI.apiVersion, kind: kind, namespaced: false)
        let spec = header.root.field("spec")
        guard try spec.requireObject() != nil else { throw spec.error("required field is missing") }
        let secretRef = spec.field("secretRef")
        guard try secretRef.requireObject() != nil else { throw secretRef.error("required field is missing") }
        let decodedSpec = Spec(
            apiEndpoint: try spec.field("apiEndpoint").requiredString(),
            secretName: try secretRef.field("name").requiredString(),
            useServiceAccount: try spec.field("useServiceAccount").bool() ?? false,
            insecure: try spec.field("insecure").bool() ?? false,
            taints: try spec.field("taints").map { (element) throws(PolicyError) in try Taint.decode(element) } ?? [])
        return FederatedCluster(
            reference: header.reference, metadata: header.metadata, spec: decodedSpec,
            status: try FederatedClusterStatus.decode(header.root.field("status")), raw: raw)
    }
}
