import KubeClient
import Placement

/// The status to publish for a member: the published status, updated with one observation under
/// the flap threshold. Pure; the controller writes the result only when it differs from what is
/// published.
///
/// Timestamps: a condition's `lastTransitionTime` moves when its status changes. Its
/// `lastProbeTime` moves only when the status is written for some other reason (a condition, a
/// figure or an API type changed): KubeAdmiral stamps every probe, which would mean one write per
/// member every health period for nothing. So `lastProbeTime` is the time of the last probe that
/// changed anything, not of the last probe.
///
/// The flap threshold applies while the cluster is joined and stays joined; otherwise `Ready`
/// and `Offline` are published as observed.
///
/// What is kept: conditions of other types, their order, and, while a probe could not collect
/// them, the last published resources and API types (as KubeAdmiral does).
struct ClusterStatusComposer {
    var threshold: FlapThreshold

    /// - Parameters:
    ///   - now: the monotonic time of the observation, for the threshold.
    ///   - wallTime: when it was made, for the condition timestamps.
    mutating func compose(
        published: FederatedClusterStatus, observation: ClusterObservation, now: ClockInstant, wallTime: Timestamp
    ) -> FederatedClusterStatus {
        let publishedReady = published.condition(.ready)
        let publishedOffline = published.condition(.offline)
        let publishedHealth = publishedReady.map {
            FlapThreshold.Health(ready: $0.status, offline: publishedOffline?.status)
        }
        let lasted = threshold.shouldPublish(
            observation.health(publishedOffline: publishedOffline?.status), published: publishedHealth, at: now)
        // Only a joined cluster's health is held back: the engine skips clusters that are not
        // joined anyway, and a cluster that has just joined should show its health at once.
        let publish = lasted || !(published.isJoined && observation.joined.status == .true)

        var status = published
        Self.set(.joined, observation.joined, in: &status, at: wallTime)
        if publish {
            Self.set(.ready, observation.ready, in: &status, at: wallTime)
            if let offline = observation.offline { Self.set(.offline, offline, in: &status, at: wallTime) }
        }
        if let resources = observation.resources { status.resources = resources }
        if let types = observation.apiResourceTypes { status.apiResourceTypes = types }

        guard status != published else { return published }
        for index in status.conditions.indices where Self.ownedTypes.contains(status.conditions[index].type) {
            status.conditions[index].lastProbeTime = wallTime
        }
        return status
    }

    static let ownedTypes: Set<ClusterCondition.Kind> = [.joined, .ready, .offline]

    /// Sets the condition of `type` to `verdict`, keeping its place and, when the status is
    /// unchanged, both of its timestamps.
    private static func set(
        _ type: ClusterCondition.Kind, _ verdict: ClusterObservation.Verdict, in status: inout FederatedClusterStatus,
        at time: Timestamp
    ) {
        let index = status.conditions.firstIndex { $0.type == type }
        let old = index.map { status.conditions[$0] }
        let unchanged = old?.status == verdict.status
        let condition = ClusterCondition(
            type: type, status: verdict.status, reason: verdict.reason, message: verdict.message,
            lastProbeTime: old?.lastProbeTime ?? time,
            lastTransitionTime: unchanged ? old?.lastTransitionTime ?? time : time)
        if let index {
            status.conditions[index] = condition
        } else {
            status.conditions.append(condition)
        }
    }
}
