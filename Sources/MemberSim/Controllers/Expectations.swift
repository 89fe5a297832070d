import KubeClient

/// Pod creations and deletions a ReplicaSet has asked for and not yet seen in the pod store.
///
/// The store lags behind the API server: right after deleting four pods, a ReplicaSet sync that
/// still sees them would delete four more. So a sync records what it is about to do, the pod
/// store's handler crosses each pod off as its event arrives, and the ReplicaSet is synced again
/// only once nothing is outstanding (the last event re-queues it). A failed write crosses its
/// pod off at once, since no event will come.
///
/// Guarantees: an expectation is recorded before its write is sent, so its event cannot be missed.
actor Expectations {
    private var creations: [ObjectKey: Set<String>] = [:]
    private var deletions: [ObjectKey: Set<String>] = [:]

    func expectCreations(_ names: [String], by replicaSet: ObjectKey) {
        creations[replicaSet, default: []].formUnion(names)
    }

    func expectDeletions(_ names: [String], by replicaSet: ObjectKey) {
        deletions[replicaSet, default: []].formUnion(names)
    }

    /// Whether the ReplicaSet's earlier writes have all been seen.
    func isSatisfied(_ replicaSet: ObjectKey) -> Bool {
        (creations[replicaSet]?.isEmpty ?? true) && (deletions[replicaSet]?.isEmpty ?? true)
    }

    /// The pod store saw `pod` appear (or change, which implies it exists).
    func observedPresent(_ pod: String, of replicaSet: ObjectKey) {
        remove(pod, from: &creations, replicaSet)
    }

    /// The pod store saw `pod` go, or start terminating (which is what the deletion did).
    func observedGone(_ pod: String, of replicaSet: ObjectKey) {
        remove(pod, from: &creations, replicaSet)
        remove(pod, from: &deletions, replicaSet)
    }

    /// A write that failed, or was not needed: no event will cross it off.
    func creationSettled(_ pod: String, of replicaSet: ObjectKey) { remove(pod, from: &creations, replicaSet) }

    func deletionSettled(_ pod: String, of replicaSet: ObjectKey) { remove(pod, from: &deletions, replicaSet) }

    /// Forgets a ReplicaSet that is gone.
    func forget(_ replicaSet: ObjectKey) {
        creations[replicaSet] = nil
        deletions[replicaSet] = nil
    }

    private func remove(_ pod: String, from table: inout [ObjectKey: Set<String>], _ replicaSet: ObjectKey) {
        table[replicaSet]?.remove(pod)
        if table[replicaSet]?.isEmpty == true { table[replicaSet] = nil }
    }
}
