import KubeClient
import Synchronization

/// The versions of everything a workload's reconcile reads from the caches.
///
/// A reconcile is a function of the cached workload, the policies its labels name, the
/// FederatedClusters and the workload's member copies, plus, with auto-migration, member pods and
/// the clock. When auto-migration is off and these versions are what the last complete reconcile
/// left behind (its own writes included), running it again would compute the same plan and write
/// nothing.
struct ReconcileFingerprint: Hashable, Sendable {
    /// `CachedWorkload.inputsDigest`: the workload without its status and Flotilla's output-only
    /// fields.
    var workloadInputs: Int
    /// The resourceVersions of the policies the labels name, in `PolicyLabel.all` order; `nil`
    /// where there is none.
    var policyVersions: [String?]
    /// Every FederatedCluster's resourceVersion, in key order.
    var clusterVersions: [String?]
    /// The resourceVersion of the workload's copy in each watched member that holds one.
    var copyVersions: [String: String]
}

/// What each workload's last complete reconcile left behind, so that the next one can see that
/// nothing has changed since and stop at once.
///
/// Why: every write the controller makes comes back as a watch event (its annotations on the host,
/// each member copy it creates or updates), and each queues the workload again; so does every
/// periodic resync. Without this, each of those reconciles decodes, plans and compares everything
/// to write nothing: at cold start, a second full reconcile of every workload. An entry is
/// replaced or dropped by every reconcile that does not stop early, so a failed or partial
/// reconcile never leaves one behind.
final class ReconcileMemo: Sendable {
    private let entries = Mutex<[ObjectKey: ReconcileFingerprint]>([:])

    /// Whether the last complete reconcile of `key` left exactly `fingerprint`.
    func matches(_ key: ObjectKey, _ fingerprint: ReconcileFingerprint) -> Bool {
        entries.withLock { $0[key] == fingerprint }
    }

    func remember(_ key: ObjectKey, _ fingerprint: ReconcileFingerprint) {
        entries.withLock { $0[key] = fingerprint }
    }

    func forget(_ key: ObjectKey) {
        _ = entries.withLock { $0.removeValue(forKey: key) }
    }

    var count: Int { entries.withLock { $0.count } }
}
