/// One entry of `spec.placement` (or of the `kubeadmiral.io/placements` annotation): a cluster
/// the workload may go to and its per-cluster preferences (kubeadmiral-api.md §3.1, `placement[]`).
public struct DesiredPlacement: Sendable, Hashable {
    /// The FederatedCluster's name (required).
    public var cluster: String
    public var preferences: Preferences

    public init(cluster: String, preferences: Preferences = Preferences()) {
        self.cluster = cluster
        self.preferences = preferences
    }

    /// `placement[].preferences`. All values are ≥ 0, as the CRD's `minimum: 0` requires.
    public struct Preferences: Sendable, Hashable {
        /// Divide only: assigned before any weighting, while replicas remain. Default 0.
        public var minReplicas: Int64
        /// Divide only: hard cap per cluster; `nil` is unbounded.
        public var maxReplicas: Int64?
        /// Spread only: static weight; `nil` everywhere means dynamic weights.
        public var weight: Int64?
        /// PrioritySort and Binpack order, higher first; `nil` counts as 0.
        public var priority: Int64?

        public init(minReplicas: Int64 = 0, maxReplicas: Int64? = nil, weight: Int64? = nil, priority: Int64? = nil) {
            self.minReplicas = minReplicas
            self.maxReplicas = maxReplicas
            self.weight = weight
            self.priority = priority
        }
    }

    static func decode(_ reader: FieldReader) throws(PolicyError) -> DesiredPlacement {
        _ = try reader.requireObject()
        let cluster = try reader.field("cluster").requiredString()
        let preferences = reader.field("preferences")
        _ = try preferences.requireObject()
        return DesiredPlacement(
            cluster: cluster,
            preferences: Preferences(
                minReplicas: try preferences.field("minReplicas").nonNegativeInt() ?? 0,
                maxReplicas: try preferences.field("maxReplicas").nonNegativeInt(),
                weight: try preferences.field("weight").nonNegativeInt(),
                priority: try preferences.field("priority").nonNegativeInt()))
    }

    /// Decodes a placement list. A cluster listed twice is an error: KubeAdmiral would silently
    /// keep the last entry's preferences, which hides a typo in the other.
    static func decodeList(_ reader: FieldReader) throws(PolicyError) -> [DesiredPlacement] {
        let elements = try reader.array() ?? []
        var placements: [DesiredPlacement] = []
        var seen: Set<String> = []
        for element in elements {
            let placement = try decode(element)
            guard seen.insert(placement.cluster).inserted else {
                throw element.field("cluster").error("cluster \"\(placement.cluster)\" is listed more than once")
            }
            placements.append(placement)
        }
        return placements
    }
}
