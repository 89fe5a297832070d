/// Where a workload runs now, from Flotilla's `flotilla.io/placement` annotation:
/// `{"<cluster>": <replicas>}`, where `null` means the cluster holds the workload with the
/// template's own replica count (Duplicate mode).
///
/// This is KubeAdmiral's `CurrentClusters` (kubeadmiral-planner.md §0): a cluster listed here
/// "already holds" the workload, which exempts it from the NoSchedule-taint, Ready and GPU filters,
/// and a `nil` count is read by the planners as "current = total replicas".
public struct CurrentPlacement: Sendable, Hashable {
    public var clusters: [String: Int64?]

    public init(_ clusters: [String: Int64?] = [:]) {
        self.clusters = clusters
    }

    public var isEmpty: Bool { clusters.isEmpty }

    /// Whether `cluster` already holds the workload.
    public func holds(_ cluster: String) -> Bool { clusters.index(forKey: cluster) != nil }

    /// Replica counts for the planners, with `nil` read as `totalReplicas` (rsp.go's rule).
    public func replicaCounts(totalReplicas: Int64) -> [String: Int64] {
        clusters.mapValues { $0 ?? totalReplicas }
    }

    static func decode(_ reader: FieldReader) throws(PolicyError) -> CurrentPlacement {
        guard let object = try reader.requireObject() else { return CurrentPlacement() }
        var clusters: [String: Int64?] = [:]
        for (cluster, _) in object {
            clusters[cluster] = .some(try reader.entry(cluster).nonNegativeInt())
        }
        return CurrentPlacement(clusters)
    }
}
