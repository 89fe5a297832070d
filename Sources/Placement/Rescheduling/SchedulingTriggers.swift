import KubeObjects

/// Everything whose change may move a workload, as one value (kubeadmiral-planner.md §5).
///
/// The controller stores it on the workload (`kubeadmiral.io/scheduling-triggers`) each time it
/// schedules, and compares the stored value with the current one before the next decision, so
/// that a controller restart or a periodic resync reschedules nothing that did not change.
/// Cluster facts are kept as FNV-1 hashes, which is all a comparison needs.
public struct SchedulingTriggers: Sendable, Hashable {
    public static let annotation = "kubeadmiral.io/scheduling-triggers"
    public static let deferredReasonsAnnotation = "kubeadmiral.io/scheduling-deferred-reasons"

    public var schedulingAnnotationsHash: String
    public var replicaCount: Int64
    public var resourceRequest: ResourceRequest
    /// The auto-migration info as written; only when the policy has `autoMigration`.
    public var autoMigrationInfo: String?
    public var policyName: String
    /// FNV-1 of the policy's spec without `autoMigration` (so `reschedulePolicy` counts).
    public var policyContentHash: String
    /// Joined clusters, sorted.
    public var clusters: [String]
    public var clusterLabelsHashes: [String: String]
    public var clusterTaintsHashes: [String: String]
    public var clusterAPIResourceTypesHashes: [String: String]

    /// The annotations on a workload that change where it goes (kubeadmiral-api.md §2).
    static let schedulingAnnotationKeys = [
        SchedulingAnnotation.schedulingMode, SchedulingAnnotation.stickyCluster,
        SchedulingAnnotation.clusterSelector, SchedulingAnnotation.affinity, SchedulingAnnotation.tolerations,
        SchedulingAnnotation.placements, SchedulingAnnotation.maxClusters, SchedulingAnnotation.noScheduling,
        SchedulingAnnotation.migrationConfiguration,
    ]

    public init(request: PlacementRequest, policy: any PropagationPolicyObject, clusters: [FederatedCluster]) {
        let annotations = request.workload.annotations
        schedulingAnnotationsHash = Self.hash(
            Self.schedulingAnnotationKeys.compactMap { key in annotations[key].map { "\(key)=\($0)" } })
        replicaCount = request.desiredReplicas
        resourceRequest = request.resourceRequest
        autoMigrationInfo = request.autoMigration == nil ? nil : annotations[SchedulingAnnotation.autoMigrationInfo]
        policyName = policy.reference.description
        var spec = policy.raw["spec"]?.objectValue ?? JSONObject()
        spec["autoMigration"] = nil
        policyContentHash = Self.hash([JSONValue.object(spec).canonicalJSONString])
        let joined = clusters.filter(\.status.isJoined)
        self.clusters = joined.map(\.name).sorted()
        clusterLabelsHashes = Dictionary(
            joined.map { ($0.name, Self.hash($0.labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" })) },
            uniquingKeysWith: { first, _ in first })
        clusterTaintsHashes = Dictionary(
            joined.map { ($0.name, Self.hash($0.spec.taints.map { "\($0.key)=\($0.value):\($0.effect.rawValue)" })) },
            uniquingKeysWith: { first, _ in first })
        clusterAPIResourceTypesHashes = Dictionary(
            joined.map { cluster in
                (cluster.name, Self.hash(cluster.status.apiResourceTypes.map {
                    "\($0.group)/\($0.version)/\($0.kind)/\($0.pluralName)/\($0.scope)"
                }))
            },
            uniquingKeysWith: { first, _ in first })
    }

    /// FNV-1 (32-bit) over the parts, each followed by a newline, in decimal (as KubeAdmiral prints it).
    static func hash(_ parts: [String]) -> String {
        var state = SpreadOrderHash.offsetBasis
        for part in parts { state = SpreadOrderHash.continued(state, with: part + "\n") }
        return String(state)
    }
}

// MARK: - The annotation

extension SchedulingTriggers {
    /// The stored form, as compact JSON.
    public var json: JSONValue {
        func map(_ values: [String: String]) -> JSONValue {
            var object = JSONObject()
            for key in values.keys.sorted() { object[key] = .string(values[key]!) }
            return .object(object)
        }
        var object = JSONObject()
        object["schedulingAnnotationsHash"] = .string(schedulingAnnotationsHash)
        object["replicaCount"] = .int(replicaCount)
        object["resourceRequest"] = [
            "millicpu": .int(resourceRequest.milliCPU), "memory": .int(resourceRequest.memory),
            "gpu": .int(resourceRequest.gpu),
        ]
        if let autoMigrationInfo { object["autoMigrationInfo"] = .string(autoMigrationInfo) }
        object["policyName"] = .string(policyName)
        object["policyContentHash"] = .string(policyContentHash)
        object["clusters"] = .array(clusters.map { .string($0) })
        object["clusterLabelsHashes"] = map(clusterLabelsHashes)
        object["clusterTaintsHashes"] = map(clusterTaintsHashes)
        object["clusterAPIResourceTypesHashes"] = map(clusterAPIResourceTypesHashes)
        return .object(object)
    }

    /// Reads the stored annotation; `nil` when absent or unreadable (then the workload is
    /// scheduled as if for the first time, which is always safe).
    public init?(annotation text: String?) {
        guard let text, let json = try? JSONValue(parsing: text) else { return nil }
        func map(_ key: String) -> [String: String]? {
            guard let object = json[key]?.objectValue else { return nil }
            var result: [String: String] = [:]
            for (name, value) in object {
                guard let string = value.stringValue else { return nil }
                result[name] = string
            }
            return result
        }
        guard let annotationsHash = json["schedulingAnnotationsHash"]?.stringValue,
            let replicas = json["replicaCount"]?.intValue,
            let request = json["resourceRequest"],
            let policyName = json["policyName"]?.stringValue,
            let contentHash = json["policyContentHash"]?.stringValue,
            let clusters = json["clusters"]?.arrayValue?.compactMap(\.stringValue),
            let labels = map("clusterLabelsHashes"), let taints = map("clusterTaintsHashes"),
            let apiResources = map("clusterAPIResourceTypesHashes")
        else { return nil }
        schedulingAnnotationsHash = annotationsHash
        replicaCount = replicas
        resourceRequest = ResourceRequest(
            milliCPU: request["millicpu"]?.intValue ?? 0, memory: request["memory"]?.intValue ?? 0,
            gpu: request["gpu"]?.intValue ?? 0)
        autoMigrationInfo = json["autoMigrationInfo"]?.stringValue
        self.policyName = policyName
        policyContentHash = contentHash
        self.clusters = clusters
        clusterLabelsHashes = labels
        clusterTaintsHashes = taints
        clusterAPIResourceTypesHashes = apiResources
    }
}
