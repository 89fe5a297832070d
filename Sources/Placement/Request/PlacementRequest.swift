/// Everything that decides where one workload goes, as one value: the policy with its CRD
/// defaults, the scheduling annotations that override it, and the workload's own replicas,
/// resources and current placement. KubeAdmiral calls this the `SchedulingUnit`
/// (kubeadmiral-planner.md §0, step 2; `schedulingunit.go`). Cluster selection and the replica
/// planners read only this, never the API objects.
public struct PlacementRequest: Sendable, Equatable {
    public var workload: Workload
    /// The PropagationPolicy or ClusterPropagationPolicy the workload is bound to.
    public var policy: ObjectReference
    /// The policy's spec with its CRD defaults, before annotation overrides (for triggers and
    /// explain output).
    public var policySpec: PropagationPolicySpec

    public var schedulingMode: SchedulingMode
    public var replicasStrategy: ReplicasStrategy
    /// `spec.replicas` of the workload; only Divide reads it.
    public var desiredReplicas: Int64
    public var currentPlacement: CurrentPlacement
    /// Keep the current placement once there is one (`disableRescheduling`, or `sticky-cluster`).
    public var stickyCluster: Bool
    public var clusterSelector: [String: String]
    public var affinity: ClusterAffinity
    public var tolerations: [Toleration]
    /// `nil` is unbounded; negative makes the workload unschedulable (MaxCluster).
    public var maxClusters: Int64?
    public var placements: [DesiredPlacement]
    /// Where `placements` came from, for messages: `spec.placement` or the annotation.
    public var placementsSource: String
    /// `replicaRescheduling.avoidDisruption`.
    public var avoidDisruption: Bool
    /// The policy's `autoMigration`; `nil` means auto-migration is off.
    public var autoMigration: AutoMigration?
    /// `kubeadmiral.io/auto-migration-info`, only when `autoMigration` is on (as in KubeAdmiral).
    public var autoMigrationInfo: AutoMigrationInfo?
    public var migrationConfiguration: MigrationConfiguration
    /// `kubeadmiral.io/no-scheduling` is set: leave the workload as it is.
    public var noScheduling: Bool

    /// Merges `policy` with the workload's scheduling annotations; an annotation, when present,
    /// replaces the policy field as a whole (kubeadmiral-api.md §2).
    public init(workload: Workload, policy: any PropagationPolicyObject) throws(PolicyError) {
        let annotations = try SchedulingAnnotations(of: workload)
        let spec = policy.spec
        self.workload = workload
        self.policy = policy.reference
        self.policySpec = spec
        schedulingMode = annotations.schedulingMode ?? spec.schedulingMode
        replicasStrategy = spec.replicasStrategy
        desiredReplicas = workload.replicas
        currentPlacement = annotations.currentPlacement
        stickyCluster = annotations.stickyCluster ?? spec.reschedulePolicy.disableRescheduling
        clusterSelector = annotations.clusterSelector ?? spec.clusterSelector
        affinity = annotations.affinity
            ?? ClusterAffinity(required: spec.clusterAffinity.isEmpty ? nil : spec.clusterAffinity)
        tolerations = annotations.tolerations ?? spec.tolerations
        maxClusters = annotations.maxClusters ?? spec.maxClusters
        if let placements = annotations.placements {
            self.placements = placements
            placementsSource = "the \(SchedulingAnnotation.placements) annotation"
        } else {
            placements = spec.placement
            placementsSource = "spec.placement"
        }
        avoidDisruption = spec.reschedulePolicy.avoidDisruption
        autoMigration = spec.autoMigration
        autoMigrationInfo = spec.autoMigration == nil ? nil : annotations.autoMigrationInfo
        migrationConfiguration = annotations.migrationConfiguration
        noScheduling = annotations.noScheduling
    }

    /// The request for `workload` under the policies in `policies`, or `nil` when the workload has
    /// no propagation-policy label (KubeAdmiral then places it nowhere). Errors name the workload
    /// and the label or annotation at fault.
    public static func make(for workload: Workload, policies: PolicySet) throws(PolicyError) -> PlacementRequest? {
        let binding = try PolicyBinding(of: workload)
        guard let policy = try policies.propagationPolicy(for: binding, of: workload) else { return nil }
        return try PlacementRequest(workload: workload, policy: policy)
    }
}

extension PlacementRequest {
    /// `"<namespace>/<name>"`: the workload key KubeAdmiral's Spread planner hashes to break ties.
    public var replicaSetKey: String { workload.reference.key }

    public var requestsGPU: Bool { workload.requestsGPU }

    public var resourceRequest: ResourceRequest { workload.resourceRequest }

    /// The sticky shortcut applies: the current placement is returned unchanged, with its replica
    /// counts frozen (kubeadmiral-api.md §3.1, `disableRescheduling`).
    public var keepsCurrentPlacement: Bool { stickyCluster && !currentPlacement.isEmpty }

    public var keepUnschedulableReplicas: Bool { autoMigration?.keepUnschedulableReplicas ?? false }

    /// The explicit cluster list; empty means every cluster is a candidate.
    public var placementClusters: Set<String> { Set(placements.map(\.cluster)) }

    public var minReplicas: [String: Int64] {
        Dictionary(placements.map { ($0.cluster, $0.preferences.minReplicas) }, uniquingKeysWith: { $1 })
    }

    public var maxReplicas: [String: Int64] { preference(\.maxReplicas) }

    /// Only clusters with a weight; if some placements have one and others not, the others get 0.
    public var weights: [String: Int64] { preference(\.weight) }

    /// Only clusters with a priority; non-empty switches PrioritySort to priority order.
    public var priorities: [String: Int64] { preference(\.priority) }

    /// Hard per-cluster caps from `kubeadmiral.io/migration-configuration`.
    public var limitedCapacity: [String: Int64] { migrationConfiguration.limitedCapacity }

    /// Auto-migration's estimated capacities (empty when auto-migration is off or has no data).
    public var estimatedCapacity: [String: Int64] { autoMigrationInfo?.estimatedCapacity ?? [:] }

    /// Auto-migration's scheduled replica counts (Binpack reads them).
    public var scheduledReplicas: [String: Int64] { autoMigrationInfo?.scheduledReplicas ?? [:] }

    private func preference(_ value: KeyPath<DesiredPlacement.Preferences, Int64?>) -> [String: Int64] {
        var result: [String: Int64] = [:]
        for placement in placements {
            if let value = placement.preferences[keyPath: value] { result[placement.cluster] = value }
        }
        return result
    }
}
