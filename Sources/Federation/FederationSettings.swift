/// Settings every federation controller shares.
public struct FederationSettings: Sendable, Equatable {
    /// Where member clusters' Secrets live on the host (KubeAdmiral's default).
    public var federationNamespace: String

    public init(federationNamespace: String = "kube-admiral-system") {
        self.federationNamespace = federationNamespace
    }
}
