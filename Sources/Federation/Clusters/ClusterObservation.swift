import KubeClient
import Placement

/// What one reconcile concluded about a member, before the flap threshold and timestamps: the
/// `Joined`, `Ready` and `Offline` conditions it would write and the figures it collected.
///
/// `Ready` and `Offline` follow KubeAdmiral (kubeadmiral-api.md §5.2) except where a member
/// answers 401 or 403: KubeAdmiral counts every failed request as unreachable, Flotilla reports
/// the member reachable (`Offline` False) and not ready with reason `Unauthorized` or `Forbidden`,
/// since an HTTP answer proves the network path and the fix is a new Secret, not waiting.
///
/// `Joined` is True (`ClusterJoined`) once the credentials resolve and the member has answered
/// with them. It stays True while the member is merely unreachable (that is what `Ready` and
/// `Offline` are for) and turns False, with a reason naming the problem, when the Secret is
/// missing or incomplete (`SecretNotFound`, `InvalidSecret`, `InvalidAPIEndpoint`) or the member
/// refuses the credentials (`Unauthorized`, `Forbidden`). A member never reached is not joined
/// (`ClusterNotReachable`).
struct ClusterObservation: Sendable, Equatable {
    /// A condition's status, reason and message; the timestamps come later.
    struct Verdict: Sendable, Equatable {
        var status: ClusterCondition.Status
        var reason: String
        var message: String
    }

    var joined: Verdict
    var ready: Verdict
    /// `nil` when no probe was made (the credentials did not resolve): reachability is unknown,
    /// and the published `Offline` condition stands.
    var offline: Verdict?
    var resources: ClusterResources?
    var apiResourceTypes: [Placement.APIResource]?

    typealias Reason = ClusterConditionReason

    static let joinedMessage = "Cluster has joined the federation"
    static let readyMessage = "Cluster is ready"
    static let reachable = Verdict(status: .false, reason: Reason.reachable, message: "Cluster is reachable")

    /// The credentials could not be put together, so nothing was asked of the member.
    init(credentialsError error: MemberCredentialsError) {
        joined = Verdict(status: .false, reason: error.conditionReason, message: error.description)
        ready = Verdict(status: .false, reason: error.conditionReason, message: error.description)
        offline = nil
    }

    /// A probe was made. `wasJoined`: the published `Joined` condition is True.
    init(probe: ClusterProbeResult, wasJoined: Bool) {
        resources = probe.resources
        apiResourceTypes = probe.apiResourceTypes
        offline = Self.reachable
        joined = Verdict(status: .true, reason: Reason.joined, message: Self.joinedMessage)
        switch probe.health {
        case .ready:
            ready = Verdict(status: .true, reason: Reason.ready, message: Self.readyMessage)
        case .healthzNotOK(let message):
            ready = Verdict(status: .false, reason: Reason.healthzNotOK, message: message)
        case .resourceCollectionFailed(let message):
            ready = Verdict(status: .false, reason: Reason.resourceCollectionFailed, message: message)
        case .apiDiscoveryFailed(let message):
            ready = Verdict(status: .false, reason: Reason.apiDiscoveryFailed, message: message)
        case .unreachable(let error):
            let message = "Cluster is not reachable: \(error)"
            ready = Verdict(status: .unknown, reason: Reason.notReachable, message: message)
            offline = Verdict(status: .true, reason: Reason.notReachable, message: message)
            if !wasJoined {
                joined = Verdict(
                    status: .false, reason: Reason.notReachable, message: "the member has not answered yet: \(error)")
            }
        case .rejected(let error):
            let (reason, meaning) =
                error.code == .forbidden
                ? (Reason.forbidden, "the credentials in the Secret lack permission")
                : (Reason.unauthorized, "the token or certificate in the Secret is invalid or expired")
            let verdict = Verdict(status: .false, reason: reason, message: "\(meaning): \(error)")
            ready = verdict
            joined = verdict
        }
    }

    /// The statuses the flap threshold compares; `publishedOffline` stands in for an unknown one.
    func health(publishedOffline: ClusterCondition.Status?) -> FlapThreshold.Health {
        FlapThreshold.Health(ready: ready.status, offline: offline?.status ?? publishedOffline)
    }
}
