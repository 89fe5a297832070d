/// What override rules can see of a member cluster: its name and its labels.
///
/// `targetClusters` matches on exactly these (`clusters`, `clusterSelector`, `clusterAffinity`),
/// so the overrides need nothing else of a `FederatedCluster`.
public struct ClusterIdentity: Sendable, Hashable {
    public var name: String
    public var labels: [String: String]

    public init(name: String, labels: [String: String] = [:]) {
        self.name = name
        self.labels = labels
    }
}
