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
///
/// Each entry is a 64-bit digest of the fingerprint (`Hasher`, seeded per process), not the
/// fingerprint itself: a few bytes per workload instead of a kilobyte of version strings, at a
/// 2⁻⁶⁴ chance that a change goes unseen until the next one.
final class ReconcileMemo: Sendable {
    private let entries = Mutex<[ObjectKey: Int]>([:])

    /// Whether the last complete reconcile of `key` left exactly `fingerprint`.
    func matches(_ key: ObjectKey, _ fingerprint: ReconcileFingerprint) -> Bool {
        let digest = fingerprint.hashValue
        return entries.withLock { $0[key] == digest }
    }

    func remember(_ key: ObjectKey, _ fingerprint: ReconcileFingerprint) {
        let digest = fingerprint.hashValue
        entries.withLock { $0[key] = digest }
    }

    func forget(_ key: ObjectKey) {
        _ = entries.withLock { $0.removeValue(forKey: key) }
    }
}
