import KubeObjects

/// The objects a plan is made from, sorted by kind and decoded.
///
/// Each object is decoded on its own: an invalid policy is remembered with its error, so that the
/// workloads bound to it report that error (and only they), while every other workload is planned
/// as usual. Objects of kinds Flotilla does not read are listed, not fatal.
public struct ObjectInventory: Sendable {
    public private(set) var workloads: [Workload] = []
    public private(set) var policies = PolicySet()
    public private(set) var clusters: [FederatedCluster] = []
    /// Each cluster's labels by name, for matching override targets (built once, read per workload).
    public private(set) var clusterLabels: [String: [String: String]] = [:]
    /// Objects that could not be read, by reference: the workloads that need them report the error.
    public private(set) var invalid: [ObjectReference: PolicyError] = [:]
    /// Errors in objects that no workload names: invalid workloads and FederatedClusters.
    public private(set) var errors: [PolicyError] = []
    /// Objects that were skipped because `flotilla plan` does not use their kind.
    public private(set) var ignored: [String] = []

    public init(_ objects: [JSONValue]) {
        var propagationPolicies: [PropagationPolicy] = []
        var clusterPropagationPolicies: [ClusterPropagationPolicy] = []
        var overridePolicies: [OverridePolicy] = []
        var clusterOverridePolicies: [ClusterOverridePolicy] = []
        for object in objects {
            let apiVersion = object["apiVersion"]?.stringValue ?? ""
            let kind = object["kind"]?.stringValue ?? ""
            do throws(PolicyError) {
                switch (apiVersion, kind) {
                case (Workload.apiVersion, Workload.kind):
                    workloads.append(try Workload.decode(object))
                case (KubeAdmiralAPI.apiVersion, PropagationPolicy.kind):
                    propagationPolicies.append(try PropagationPolicy.decode(object))
                case (KubeAdmiralAPI.apiVersion, ClusterPropagationPolicy.kind):
                    clusterPropagationPolicies.append(try ClusterPropagationPolicy.decode(object))
                case (KubeAdmiralAPI.apiVersion, OverridePolicy.kind):
                    overridePolicies.append(try OverridePolicy.decode(object))
                case (KubeAdmiralAPI.apiVersion, ClusterOverridePolicy.kind):
                    clusterOverridePolicies.append(try ClusterOverridePolicy.decode(object))
                case (KubeAdmiralAPI.apiVersion, FederatedCluster.kind):
                    clusters.append(try FederatedCluster.decode(object))
                default:
                    let name = kind.isEmpty ? "an object without a kind" : "\(kind) \(Self.reference(of: object, kind: kind).key)"
                    ignored.append("\(name) (\(apiVersion.isEmpty ? "no apiVersion" : apiVersion)) is not used by flotilla plan")
                }
            } catch {
                switch kind {
                case Workload.kind, FederatedCluster.kind: errors.append(error)
                default: invalid[error.object] = error
                }
            }
        }
        clusterLabels = Dictionary(clusters.map { ($0.name, $0.labels) }, uniquingKeysWith: { first, _ in first })
        policies = PolicySet(
            propagationPolicies: propagationPolicies, clusterPropagationPolicies: clusterPropagationPolicies,
            overridePolicies: overridePolicies, clusterOverridePolicies: clusterOverridePolicies)
    }

    /// The inventory of `objects` plus FederatedClusters decoded already: a controller keeps its
    /// clusters decoded between reconciles (they change rarely; every workload reads them all).
    /// A cluster that did not decode carries its error, as it would from `objects`.
    public init(_ objects: [JSONValue], decodedClusters: [Result<FederatedCluster, PolicyError>]) {
        self.init(objects)
        for result in decodedClusters {
            switch result {
            case .success(let cluster): clusters.append(cluster)
            case .failure(let error): errors.append(error)
            }
        }
        clusterLabels = Dictionary(clusters.map { ($0.name, $0.labels) }, uniquingKeysWith: { first, _ in first })
    }

    /// Best-effort reference for messages about objects that may not decode.
    static func reference(of object: JSONValue, kind: String) -> ObjectReference {
        ObjectReference(
            kind: kind, namespace: object[path: ["metadata", "namespace"]]?.stringValue,
            name: object[path: ["metadata", "name"]]?.stringValue ?? "<unnamed>")
    }
}
