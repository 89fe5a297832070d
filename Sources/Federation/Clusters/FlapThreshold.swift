import KubeClient
import Placement

/// Holds back a change of a member's health until it has lasted, so that one lost probe does not
/// move workloads: KubeAdmiral's `--cluster-status-threshold` (default 100 s), as its cluster
/// status cache applies it (`cluster_status_cache.go`, kubeadmiral-api.md §5.2).
///
/// "Health" is the pair of the `Ready` and `Offline` condition statuses. The threshold remembers
/// the last observed pair and when it was first observed. A pair that differs from the published
/// one is published once it has been observed continuously for `threshold`; observing anything
/// else in between starts the wait again. Reasons and messages are not part of the pair, so a new
/// reason with an unchanged status is published at once.
///
/// The first observation of a cluster with nothing published is published at once. After a
/// restart of the controller the published pair is the cluster's status, so a change seen then
/// waits the threshold like any other.
///
/// A value type with no clock of its own: the caller passes the time of each observation.
public struct FlapThreshold: Sendable, Equatable {
    /// The statuses the threshold compares.
    public struct Health: Sendable, Hashable, CustomStringConvertible {
        public var ready: ClusterCondition.Status
        /// `nil` when not known (no probe could be made).
        public var offline: ClusterCondition.Status?

        public init(ready: ClusterCondition.Status, offline: ClusterCondition.Status?) {
            self.ready = ready
            self.offline = offline
        }

        public var description: String { "Ready=\(ready.rawValue) Offline=\(offline?.rawValue ?? "-")" }
    }

    public let threshold: Duration
    private var candidate: Health?
    private var candidateSince: ClockInstant = .zero

    public init(threshold: Duration = .seconds(100)) {
        self.threshold = threshold
    }

    /// Records `observed` at `now` and says whether to publish it; when not, the caller keeps the
    /// published Ready and Offline conditions as they are.
    ///
    /// - Parameter published: the health in the cluster's status now; `nil` when it has no
    ///   `Ready` condition yet.
    public mutating func shouldPublish(_ observed: Health, published: Health?, at now: ClockInstant) -> Bool {
        if candidate != observed {
            candidate = observed
            candidateSince = now
        }
        guard let published, published != observed else { return true }
        return now - candidateSince >= threshold
    }
}
