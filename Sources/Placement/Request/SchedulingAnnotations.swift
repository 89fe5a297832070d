/// The scheduling annotations on a workload (kubeadmiral-api.md §2, second table), decoded.
///
/// Each present annotation replaces the matching policy field (`PlacementRequest` applies them).
/// KubeAdmiral logs a malformed annotation and falls back to the policy; Flotilla rejects it with
/// an error naming the workload and `metadata.annotations[<key>]`, because a silently ignored
/// override places the workload somewhere its owner did not ask for.
public struct SchedulingAnnotations: Sendable, Hashable {
    /// `kubeadmiral.io/scheduling-mode`: `Duplicate` or `Divide`.
    public var schedulingMode: SchedulingMode?
    /// `kubeadmiral.io/sticky-cluster`: `"true"` or `"false"`; replaces `disableRescheduling`.
    public var stickyCluster: Bool?
    /// `kubeadmiral.io/clusterSelector`: a JSON map.
    public var clusterSelector: [String: String]?
    /// `kubeadmiral.io/affinity`: replaces the policy's affinity as a whole.
    public var affinity: ClusterAffinity?
    /// `kubeadmiral.io/tolerations`: a JSON list of tolerations.
    public var tolerations: [Toleration]?
    /// `kubeadmiral.io/placements`: a JSON list of placements (clusters, weights, priorities, min, max).
    public var placements: [DesiredPlacement]?
    /// `kubeadmiral.io/maxClusters`: an integer string, ≥ 0.
    public var maxClusters: Int64?
    /// `kubeadmiral.io/no-scheduling`: any non-empty value skips scheduling.
    public var noScheduling: Bool
    /// `kubeadmiral.io/migration-configuration`.
    public var migrationConfiguration: MigrationConfiguration
    /// `kubeadmiral.io/auto-migration-info`, `nil` when absent.
    public var autoMigrationInfo: AutoMigrationInfo?
    /// `flotilla.io/placement`.
    public var currentPlacement: CurrentPlacement

    public init(
        schedulingMode: SchedulingMode? = nil, stickyCluster: Bool? = nil, clusterSelector: [String: String]? = nil,
        affinity: ClusterAffinity? = nil, tolerations: [Toleration]? = nil, placements: [DesiredPlacement]? = nil,
        maxClusters: Int64? = nil, noScheduling: Bool = false,
        migrationConfiguration: MigrationConfiguration = MigrationConfiguration(),
        autoMigrationInfo: AutoMigrationInfo? = nil, currentPlacement: CurrentPlacement = CurrentPlacement()
    ) {
        self.schedulingMode = schedulingMode
        self.stickyCluster = stickyCluster
        self.clusterSelector = clusterSelector
        self.affinity = affinity
        self.tolerations = tolerations
        self.placements = placements
        self.maxClusters = maxClusters
        self.noScheduling = noScheduling
        self.migrationConfiguration = migrationConfiguration
        self.autoMigrationInfo = autoMigrationInfo
        self.currentPlacement = currentPlacement
    }

    /// Decodes the annotations of `workload`.
    public init(of workload: Workload) throws(PolicyError) {
        let annotations = workload.root.field(path: "metadata", "annotations")
        func annotation(_ key: String) -> FieldReader { annotations.entry(key) }
        func json(_ key: String) throws(PolicyError) -> FieldReader? { try annotation(key).parsedJSON() }

        self.init()
        schedulingMode = try annotation(SchedulingAnnotation.schedulingMode).enumeration(SchedulingMode.self)
        if let sticky = try annotation(SchedulingAnnotation.stickyCluster).oneOf(["true", "false"]) {
            stickyCluster = sticky == "true"
        }
        clusterSelector = try json(SchedulingAnnotation.clusterSelector)?.stringMap()
        if let reader = try json(SchedulingAnnotation.affinity) {
            affinity = try ClusterAffinity.decodeAnnotation(reader)
        }
        if let reader = try json(SchedulingAnnotation.tolerations) {
            tolerations = try reader.map { (element) throws(PolicyError) in try Toleration.decode(element) } ?? []
        }
        if let reader = try json(SchedulingAnnotation.placements) {
            placements = try DesiredPlacement.decodeList(reader)
        }
        let maxClustersField = annotation(SchedulingAnnotation.maxClusters)
        if let text = try maxClustersField.string() {
            guard let value = Int64(text), value >= 0 else {
                throw maxClustersField.error("expected an integer of 0 or more, got \"\(text)\"")
            }
            maxClusters = value
        }
        noScheduling = !(workload.annotations[SchedulingAnnotation.noScheduling] ?? "").isEmpty
        if let reader = try json(SchedulingAnnotation.migrationConfiguration) {
            migrationConfiguration = try MigrationConfiguration.decode(reader)
        }
        if let reader = try json(SchedulingAnnotation.autoMigrationInfo) {
            autoMigrationInfo = try AutoMigrationInfo.decode(reader)
        }
        if let reader = try json(SchedulingAnnotation.placement) {
            currentPlacement = try CurrentPlacement.decode(reader)
        }
    }
}
