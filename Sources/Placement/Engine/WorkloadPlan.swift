import KubeObjects

/// What Flotilla decided for one workload: where its replicas go, which clusters were left out
/// and why, and what went wrong. `flotilla plan` prints it; the controller acts on it.
public struct WorkloadPlan: Sendable, Equatable {
    public var workload: ObjectReference
    /// The propagation policy that placed it (`nil` when none is bound or it could not be read).
    public var policy: ObjectReference?
    /// `Divide` or `Duplicate`; `nil` when nothing was scheduled.
    public var mode: String?
    public var clusters: [MemberPlan]
    public var excluded: [ExcludedCluster]
    /// Errors that stopped or limited this workload's placement, one line each.
    public var errors: [String]

    public init(
        workload: ObjectReference, policy: ObjectReference? = nil, mode: String? = nil,
        clusters: [MemberPlan] = [], excluded: [ExcludedCluster] = [], errors: [String] = []
    ) {
        self.workload = workload
        self.policy = policy
        self.mode = mode
        self.clusters = clusters
        self.excluded = excluded
        self.errors = errors
    }

    /// Sum of the replicas written to members.
    public var totalReplicas: Int64 { clusters.reduce(0) { $0 + ($1.replicas ?? 0) } }
}

/// One member cluster's share of a workload.
public struct MemberPlan: Sendable, Equatable {
    public var cluster: String
    /// What is written to the member's `spec.replicas`: the planned replicas plus the overflow
    /// kept there pending (KubeAdmiral writes `plan + overflow`). `nil` in Duplicate mode, where
    /// the member keeps the template's count.
    public var replicas: Int64?
    /// Replicas kept in this cluster beyond its estimated capacity, pending until capacity returns.
    public var overflow: Int64
    /// The member object after overrides; `nil` when an override failed for this cluster.
    public var object: JSONValue?
    /// Why this cluster's object could not be built (a failing override), if it could not.
    public var error: String?

    public init(cluster: String, replicas: Int64?, overflow: Int64 = 0, object: JSONValue? = nil, error: String? = nil) {
        self.cluster = cluster
        self.replicas = replicas
        self.overflow = overflow
        self.object = object
        self.error = error
    }
}

/// A cluster that was considered and not selected, with a reason a person can read.
public struct ExcludedCluster: Sendable, Equatable {
    public var cluster: String
    public var reason: String

    public init(cluster: String, reason: String) {
        self.cluster = cluster
        self.reason = reason
    }
}

extension WorkloadPlan {
    /// The `-o json` form: `{"namespace","name","policy","mode","clusters":[…],"excluded":[…],"errors":[…]}`.
    public var json: JSONValue {
        var object = JSONObject()
        object["namespace"] = workload.namespace.map { .string($0) } ?? .null
        object["name"] = .string(workload.name)
        object["policy"] = policy.map { .string($0.key) } ?? .null
        object["mode"] = mode.map { .string($0) } ?? .null
        object["clusters"] = .array(clusters.map(\.json))
        object["excluded"] = .array(
            excluded.map { ["name": .string($0.cluster), "reason": .string($0.reason)] })
        object["errors"] = .array(errors.map { .string($0) })
        return .object(object)
    }
}

extension MemberPlan {
    var json: JSONValue {
        var object = JSONObject()
        object["name"] = .string(cluster)
        object["replicas"] = replicas.map { .int($0) } ?? .null
        object["overflow"] = .int(overflow)
        object["object"] = self.object ?? .null
        if let error { object["error"] = .string(error) }
        return .object(object)
    }
}
