import KubeObjects
import Placement
import Synchronization

/// The FederatedClusters as the engine reads them, decoded once per resourceVersion.
///
/// Every reconcile reads every cluster, and decoding one (conditions, resource quantities, API
/// types) costs tens of microseconds: at ten clusters, most of a reconcile's decoding. Clusters
/// change rarely, so each is decoded when its resourceVersion moves and reused until then. A
/// cluster no longer in the list is forgotten.
final class DecodedClusters: Sendable {
    private struct Entry {
        var version: String
        var decoded: Result<FederatedCluster, PolicyError>
    }

    private let entries = Mutex<[String: Entry]>([:])

    /// `objects` (the cached FederatedClusters, in order) decoded.
    func decode(_ objects: [JSONValue]) -> [Result<FederatedCluster, PolicyError>] {
        var results: [Result<FederatedCluster, PolicyError>] = []
        results.reserveCapacity(objects.count)
        var fresh: [String: Entry] = [:]
        let known = entries.withLock { $0 }
        for object in objects {
            let name = object[path: ["metadata", "name"]]?.stringValue ?? ""
            let version = object[path: ["metadata", "resourceVersion"]]?.stringValue
            let entry: Entry
            if let version, let cached = known[name], cached.version == version {
                entry = cached
            } else {
                let decoded = Result { () throws(PolicyError) -> FederatedCluster in try FederatedCluster.decode(object) }
                // Without a resourceVersion there is nothing to key the result by: decode every time.
                entry = Entry(version: version ?? "", decoded: decoded)
            }
            if version != nil { fresh[name] = entry }
            results.append(entry.decoded)
        }
        entries.withLock { $0 = fresh }
        return results
    }
}
