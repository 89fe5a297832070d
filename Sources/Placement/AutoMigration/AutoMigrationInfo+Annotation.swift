import KubeObjects

/// Writing and reading the `kubeadmiral.io/auto-migration-info` annotation (kubeadmiral-planner.md §3).
///
/// It is a stable scheduling trigger — any change reschedules (§5) — so it must serialise the same way every
/// time: keys are written sorted, and the controller writes it only when it changes.
extension AutoMigrationInfo {
    public static let annotation = "kubeadmiral.io/auto-migration-info"

    /// Assembles the annotation from each member cluster's estimate.
    public init(estimates: [String: ClusterCapacityEstimate]) {
        self.init(estimatedCapacity: [:], scheduledReplicas: [:])
        for (cluster, estimate) in estimates {
            scheduledReplicas[cluster] = estimate.scheduledReplicas
            if let capacity = estimate.estimatedCapacity { estimatedCapacity[cluster] = capacity }
        }
    }

    /// The estimate as the scheduler feeds it to the planners: only entries ≥ 0 (§0 inputs table).
    public var plannerEstimatedCapacity: [String: Int64] { estimatedCapacity.filter { $0.value >= 0 } }

    /// The annotation's JSON value, keys sorted.
    public var jsonValue: JSONValue {
        var object = JSONObject()
        object["estimatedCapacity"] = Self.sortedObject(estimatedCapacity)
        object["scheduledReplicas"] = Self.sortedObject(scheduledReplicas)
        return .object(object)
    }

    /// Reads the annotation's JSON. Missing or `null` maps are empty (Go's nil maps); anything else that is
    /// not an object of integers is an error.
    public init(json: JSONValue) throws(AutoMigrationInfoError) {
        guard case .object(let object) = json else { throw .notAnObject }
        self.init(
            estimatedCapacity: try Self.counts(object["estimatedCapacity"], field: "estimatedCapacity"),
            scheduledReplicas: try Self.counts(object["scheduledReplicas"], field: "scheduledReplicas"))
    }

    private static func sortedObject(_ counts: [String: Int64]) -> JSONValue {
        var object = JSONObject()
        for key in counts.keys.sorted() { object[key] = .int(counts[key]!) }
        return .object(object)
    }

    private static func counts(_ value: JSONValue?, field: String) throws(AutoMigrationInfoError) -> [String: Int64] {
        guard let value, !value.isNull else { return [:] }
        guard case .object(let object) = value else { throw .invalidField(field) }
        var counts: [String: Int64] = [:]
        for (cluster, count) in object {
            guard let replicas = count.intValue else { throw .invalidField("\(field).\(cluster)") }
            counts[cluster] = replicas
        }
        return counts
    }
}

/// Why an auto-migration-info annotation could not be read.
public enum AutoMigrationInfoError: Error, Sendable, Hashable {
    case notAnObject
    case invalidField(String)
}
