/// The spec shared by `PropagationPolicy` and `ClusterPropagationPolicy`, with the CRD defaults
/// applied (kubeadmiral-api.md §3.1). A Go zero value is never used where the CRD has a default:
/// see the note at the top of kubeadmiral-api.md on `avoidDisruption`, `policyContentChanged`,
/// `replicasStrategy` and `podUnschedulableFor`.
public struct PropagationPolicySpec: Sendable, Hashable {
    /// Required by the CRD; there is no default.
    public var schedulingMode: SchedulingMode
    /// CRD default `Spread`.
    public var replicasStrategy: ReplicasStrategy
    /// Name of a SchedulingProfile; `""` when unset. Flotilla runs KubeAdmiral's default plugin set
    /// and does not read SchedulingProfiles.
    public var schedulingProfile: String
    /// Equality selector on cluster labels; empty selects every cluster.
    public var clusterSelector: [String: String]
    /// Required affinity, terms ORed; empty selects every cluster.
    public var clusterAffinity: [ClusterSelectorTerm]
    public var tolerations: [Toleration]
    /// `nil` is unbounded. A negative value is kept as written: the CRD allows it, and the
    /// MaxCluster step then makes the workload unschedulable with a reason, as KubeAdmiral does.
    public var maxClusters: Int64?
    /// An explicit cluster list; empty means every cluster is a candidate.
    public var placement: [DesiredPlacement]
    public var disableFollowerScheduling: Bool
    /// `nil` means auto-migration is off.
    public var autoMigration: AutoMigration?
    public var reschedulePolicy: ReschedulePolicy

    public init(
        schedulingMode: SchedulingMode, replicasStrategy: ReplicasStrategy = .spread, schedulingProfile: String = "",
        clusterSelector: [String: String] = [:], clusterAffinity: [ClusterSelectorTerm] = [],
        tolerations: [Toleration] = [], maxClusters: Int64? = nil, placement: [DesiredPlacement] = [],
        disableFollowerScheduling: Bool = false, autoMigration: AutoMigration? = nil,
        reschedulePolicy: ReschedulePolicy = .default
    ) {
        self.schedulingMode = schedulingMode
        self.replicasStrategy = replicasStrategy
        self.schedulingProfile = schedulingProfile
        self.clusterSelector = clusterSelector
        self.clusterAffinity = clusterAffinity
        self.tolerations = tolerations
        self.maxClusters = maxClusters
        self.placement = placement
        self.disableFollowerScheduling = disableFollowerScheduling
        self.autoMigration = autoMigration
        self.reschedulePolicy = reschedulePolicy
    }

    static func decode(_ reader: FieldReader) throws(PolicyError) -> PropagationPolicySpec {
        guard try reader.requireObject() != nil else { throw reader.error("required field is missing") }
        guard let mode = try reader.field("schedulingMode").enumeration(SchedulingMode.self) else {
            throw reader.field("schedulingMode").error("required field is missing: use Duplicate or Divide")
        }
        return PropagationPolicySpec(
            schedulingMode: mode,
            replicasStrategy: try reader.field("replicasStrategy").enumeration(ReplicasStrategy.self) ?? .spread,
            schedulingProfile: try reader.field("schedulingProfile").string() ?? "",
            clusterSelector: try reader.field("clusterSelector").stringMap() ?? [:],
            clusterAffinity: try ClusterSelectorTerm.decodeList(reader.field("clusterAffinity")),
            tolerations: try reader.field("tolerations").map { (element) throws(PolicyError) in
                try Toleration.decode(element)
            } ?? [],
            maxClusters: try reader.field("maxClusters").int(),
            placement: try DesiredPlacement.decodeList(reader.field("placement")),
            disableFollowerScheduling: try reader.field("disableFollowerScheduling").bool() ?? false,
            autoMigration: try AutoMigration.decode(reader.field("autoMigration")),
            reschedulePolicy: try ReschedulePolicy.decode(reader.field("reschedulePolicy")))
    }
}
