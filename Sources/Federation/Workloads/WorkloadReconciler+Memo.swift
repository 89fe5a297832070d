import KubeClient
import KubeObjects
import Placement

/// What a reconcile reads from the host caches besides the workload, read once: the plan is made
/// from exactly the versions the fingerprint names.
struct ReconcileInputs: Sendable {
    /// The policies the workload's labels name, in `PolicyLabel.all` order.
    var policies: [JSONValue?]
    /// Every FederatedCluster, in key order.
    var clusters: [JSONValue]
    var fingerprint: ReconcileFingerprint
}

extension WorkloadReconciler {
    /// The policies and clusters a reconcile of `key` reads now, and the versions of everything it
    /// reads (`ReconcileFingerprint`).
    func inputs(of cached: CachedWorkload, key: ObjectKey) async -> ReconcileInputs {
        let labels = Dictionary(cached.policyLabels.map { ($0.label, $0.policy) }, uniquingKeysWith: { first, _ in first })
        let policies = await caches.boundPolicies(labels: labels, namespace: key.namespace)
        let clusters = await caches.clusters.store.snapshot().objects
        var copies: [String: String] = [:]
        for cluster in await members.clusters {
            if let copy = await members.store(for: cluster)?.object(for: key) { copies[cluster] = copy.resourceVersion }
        }
        let fingerprint = ReconcileFingerprint(
            workloadInputs: cached.inputsDigest, policyVersions: policies.map { $0?.cachedResourceVersion },
            clusterVersions: clusters.map(\.cachedResourceVersion), copyVersions: copies)
        return ReconcileInputs(policies: policies, clusters: clusters, fingerprint: fingerprint)
    }

    /// What the reconcile that started from `observed` leaves behind: `workload` with its own
    /// annotation changes made (predicted, not the patch's answer: a change someone else made
    /// meanwhile must make the next fingerprint differ), and the member copies at the versions its
    /// writes returned.
    static func fingerprint(
        after observed: ReconcileFingerprint, workload: JSONValue, copies: [String: MemberCopyVersion]
    ) -> ReconcileFingerprint {
        var result = observed
        result.workloadInputs = CachedWorkload.inputsDigest(of: workload)
        for (cluster, version) in copies {
            switch version {
            case .at(let resourceVersion): result.copyVersions[cluster] = resourceVersion
            case .gone: result.copyVersions[cluster] = nil
            }
        }
        return result
    }

    /// Whether every member write started from the copy the fingerprint saw: a copy that changed
    /// in between (its status, say) was perhaps not counted, so nothing may be remembered.
    static func readAsObserved(_ reads: [String: MemberCopyVersion], observed: ReconcileFingerprint) -> Bool {
        reads.allSatisfy { cluster, read in
            read == (observed.copyVersions[cluster].map { .at($0) } ?? .gone)
        }
    }
}

/// Where a member copy stands after the reconcile's write to it.
enum MemberCopyVersion: Sendable, Equatable {
    case at(String)
    case gone
}
