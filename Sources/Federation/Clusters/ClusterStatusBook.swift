import KubeClient
import KubeObjects
import Placement

/// What the cluster controller remembers about each member between reconciles: its flap
/// threshold, and the object as last written (the store may not have seen that write yet).
///
/// Keys are processed by one worker at a time, so each entry has one writer; the actor only
/// keeps entries of different members apart.
actor ClusterStatusBook {
    private struct Entry {
        var composer: ClusterStatusComposer
        /// The object returned by the last status write, and the resourceVersion it replaced.
        var written: (replaced: String, object: JSONValue)?
    }

    private let threshold: Duration
    private var entries: [String: Entry] = [:]

    init(threshold: Duration) {
        self.threshold = threshold
    }

    /// `object` from the store, or the one last written over it when the store still holds the
    /// version that write replaced.
    func newest(_ object: JSONValue, cluster: String) -> JSONValue {
        guard let written = entries[cluster]?.written else { return object }
        if Self.resourceVersion(of: object) == written.replaced { return written.object }
        entries[cluster]?.written = nil
        return object
    }

    func compose(
        cluster: String, published: FederatedClusterStatus, observation: ClusterObservation, now: ClockInstant,
        wallTime: Timestamp
    ) -> FederatedClusterStatus {
        var entry =
            entries[cluster] ?? Entry(composer: ClusterStatusComposer(threshold: FlapThreshold(threshold: threshold)))
        let status = entry.composer.compose(
            published: published, observation: observation, now: now, wallTime: wallTime)
        entries[cluster] = entry
        return status
    }

    func recordWrite(cluster: String, replaced: JSONValue, stored: JSONValue) {
        entries[cluster]?.written = (Self.resourceVersion(of: replaced) ?? "", stored)
    }

    func forget(_ cluster: String) {
        entries[cluster] = nil
    }

    private static func resourceVersion(of object: JSONValue) -> String? {
        object[path: ["metadata", "resourceVersion"]]?.stringValue
    }
}
