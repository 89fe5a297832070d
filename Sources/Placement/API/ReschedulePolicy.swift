/// `spec.reschedulePolicy` after the CRD defaults (kubeadmiral-api.md §3.1; triggers in
/// kubeadmiral-planner.md §5).
///
/// The API server defaults it in layers, and so does `decode`:
/// * absent `reschedulePolicy` becomes `{rescheduleWhen: {policyContentChanged: true}}`, and the
///   nested defaults then fill in the rest, giving `ReschedulePolicy.default`;
/// * a *present* `reschedulePolicy` gets no `rescheduleWhen` (that field has no default of its
///   own), so `rescheduleWhen` stays `nil` and every optional trigger is deferred;
/// * `replicaRescheduling` defaults to `{}` wherever its parent exists, and `avoidDisruption`
///   inside it to `true`, so `avoidDisruption` is `true` unless written `false`;
/// * inside a present `rescheduleWhen`, each missing trigger takes its own default
///   (`policyContentChanged: true`, the others `false`).
public struct ReschedulePolicy: Sendable, Hashable {
    /// "Sticky cluster": once placed, the current placement is kept unchanged.
    public var disableRescheduling: Bool
    /// Which optional triggers reschedule; `nil` defers them all.
    public var rescheduleWhen: RescheduleTriggers?
    /// `replicaRescheduling.avoidDisruption`: move only the delta (true) or rebalance (false).
    public var avoidDisruption: Bool

    public init(disableRescheduling: Bool = false, rescheduleWhen: RescheduleTriggers? = nil, avoidDisruption: Bool = true) {
        self.disableRescheduling = disableRescheduling
        self.rescheduleWhen = rescheduleWhen
        self.avoidDisruption = avoidDisruption
    }

    /// What an absent `reschedulePolicy` means after defaulting.
    public static let `default` = ReschedulePolicy(rescheduleWhen: RescheduleTriggers())

    static func decode(_ reader: FieldReader) throws(PolicyError) -> ReschedulePolicy {
        guard try reader.requireObject() != nil else { return .default }
        let replicaRescheduling = reader.field("replicaRescheduling")
        _ = try replicaRescheduling.requireObject()
        return ReschedulePolicy(
            disableRescheduling: try reader.field("disableRescheduling").bool() ?? false,
            rescheduleWhen: try RescheduleTriggers.decode(reader.field("rescheduleWhen")),
            avoidDisruption: try replicaRescheduling.field("avoidDisruption").bool() ?? true)
    }
}

/// `reschedulePolicy.rescheduleWhen`: the optional triggers, with their CRD defaults.
public struct RescheduleTriggers: Sendable, Hashable {
    public var policyContentChanged: Bool
    public var clusterJoined: Bool
    public var clusterLabelsChanged: Bool
    public var clusterAPIResourcesChanged: Bool

    public init(
        policyContentChanged: Bool = true, clusterJoined: Bool = false, clusterLabelsChanged: Bool = false,
        clusterAPIResourcesChanged: Bool = false
    ) {
        self.policyContentChanged = policyContentChanged
        self.clusterJoined = clusterJoined
        self.clusterLabelsChanged = clusterLabelsChanged
        self.clusterAPIResourcesChanged = clusterAPIResourcesChanged
    }

    static func decode(_ reader: FieldReader) throws(PolicyError) -> RescheduleTriggers? {
        guard try reader.requireObject() != nil else { return nil }
        return RescheduleTriggers(
            policyContentChanged: try reader.field("policyContentChanged").bool() ?? true,
            clusterJoined: try reader.field("clusterJoined").bool() ?? false,
            clusterLabelsChanged: try reader.field("clusterLabelsChanged").bool() ?? false,
            clusterAPIResourcesChanged: try reader.field("clusterAPIResourcesChanged").bool() ?? false)
    }
}
