/// `spec.autoMigration` (kubeadmiral-api.md §3.1; behaviour in kubeadmiral-planner.md §3).
///
/// Present means auto-migration is on: replicas that stay unschedulable in a cluster for
/// `podUnschedulableFor` are moved elsewhere. Absent (`nil` in the spec) means it is off.
public struct AutoMigration: Sendable, Hashable {
    /// `when.podUnschedulableFor`; CRD default `1m` through the default of `when`.
    public var podUnschedulableFor: Duration
    /// Keep the unschedulable replicas pending in their cluster as well (CRD default `false`).
    public var keepUnschedulableReplicas: Bool

    public static let defaultPodUnschedulableFor = Duration.seconds(60)

    public init(podUnschedulableFor: Duration = defaultPodUnschedulableFor, keepUnschedulableReplicas: Bool = false) {
        self.podUnschedulableFor = podUnschedulableFor
        self.keepUnschedulableReplicas = keepUnschedulableReplicas
    }

    /// Applies the CRD defaults: an absent `when` becomes `{podUnschedulableFor: 1m}`. A present
    /// `when` must have a property (`minProperties: 1`), so `when: {}` is rejected as the API
    /// server rejects it, rather than silently defaulted.
    static func decode(_ reader: FieldReader) throws(PolicyError) -> AutoMigration? {
        guard try reader.requireObject() != nil else { return nil }
        var result = AutoMigration()
        let when = reader.field("when")
        if let trigger = try when.requireObject() {
            guard let duration = try when.field("podUnschedulableFor").duration() else {
                throw when.error(
                    trigger.isEmpty
                        ? "must have at least 1 property: set podUnschedulableFor, or remove when to use 1m"
                        : "podUnschedulableFor is required")
            }
            guard duration >= .zero else {
                throw when.field("podUnschedulableFor").error("must not be negative")
            }
            result.podUnschedulableFor = duration
        }
        result.keepUnschedulableReplicas = try reader.field("keepUnschedulableReplicas").bool() ?? false
        return result
    }
}
