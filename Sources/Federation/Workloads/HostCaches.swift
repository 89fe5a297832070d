import KubeClient
import KubeObjects
import Placement

/// The host objects placement reads, each kept current by its own reflector.
///
/// Workloads are all Deployments, not only labelled ones: a Deployment whose policy label was
/// removed still carries Flotilla's finalizer and must be cleaned up.
public struct HostCaches: Sendable {
    public let deployments: TypedReflector<CachedWorkload>
    public let propagationPolicies: Reflector
    public let clusterPropagationPolicies: Reflector
    public let overridePolicies: Reflector
    public let clusterOverridePolicies: Reflector
    public let clusters: Reflector
    private let decodedClusters = DecodedClusters()

    public init(api: KubeAPI, watchTimeoutSeconds: Int = 300) {
        func reflector(_ resource: KubeClient.APIResource) -> Reflector {
            Reflector(api: api, resource: resource, watchTimeoutSeconds: watchTimeoutSeconds)
        }
        // Workloads are cached as compact records (`CachedWorkload`), looked up by policy label.
        deployments = TypedReflector(
            api: api, resource: .deployments,
            store: TypedStore(
                resource: KubeClient.APIResource.deployments.groupResource, indexedLabels: Set(PolicyLabel.all)),
            watchTimeoutSeconds: watchTimeoutSeconds)
        propagationPolicies = reflector(.propagationPolicies)
        clusterPropagationPolicies = reflector(.clusterPropagationPolicies)
        overridePolicies = reflector(.overridePolicies)
        clusterOverridePolicies = reflector(.clusterOverridePolicies)
        clusters = reflector(.federatedClusters)
    }

    /// The reflectors of the policies and clusters (the workloads' is typed differently).
    private var others: [Reflector] {
        [propagationPolicies, clusterPropagationPolicies, overridePolicies, clusterOverridePolicies, clusters]
    }

    /// Runs every reflector until the task is cancelled.
    public func run() async {
        await withDiscardingTaskGroup { group in
            group.addTask { await deployments.run() }
            for reflector in others { group.addTask { await reflector.run() } }
        }
    }

    public func waitUntilSynced() async throws {
        try await deployments.store.waitUntilSynced()
        for reflector in others { try await reflector.store.waitUntilSynced() }
    }

    public var hasSynced: Bool {
        get async {
            guard await deployments.store.hasSynced else { return false }
            for reflector in others where !(await reflector.store.hasSynced) { return false }
            return true
        }
    }

    /// What the engine needs to plan `workload`: the workload, the policies its labels name
    /// (`boundPolicies`; missing ones are the engine's to report), and every FederatedCluster
    /// (decoded once per version).
    public func inventory(for workload: JSONValue, policies: [JSONValue?], clusters: [JSONValue]) -> ObjectInventory {
        ObjectInventory([workload] + policies.compactMap { $0 }, decodedClusters: decodedClusters.decode(clusters))
    }

    /// The cached policies a workload's labels name, in `PolicyLabel.all` order; `nil` where the
    /// label is absent or empty, or the policy is not (or not yet) cached.
    func boundPolicies(labels: [String: String], namespace: String?) async -> [JSONValue?] {
        let stores: [(Store, namespaced: Bool)] = [
            (propagationPolicies.store, true), (clusterPropagationPolicies.store, false),
            (overridePolicies.store, true), (clusterOverridePolicies.store, false),
        ]
        var policies: [JSONValue?] = []
        for (label, (store, namespaced)) in zip(PolicyLabel.all, stores) {
            guard let name = labels[label], !name.isEmpty else {
                policies.append(nil)
                continue
            }
            let key = ObjectKey(resource: store.resource, namespace: namespaced ? namespace : nil, name: name)
            policies.append(await store.object(for: key))
        }
        return policies
    }
}
