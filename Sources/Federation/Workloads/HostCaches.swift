import KubeClient
import KubeObjects
import Placement

/// The host objects placement reads, each kept current by its own reflector.
///
/// Workloads are all Deployments, not only labelled ones: a Deployment whose policy label was
/// removed still carries Flotilla's finalizer and must be cleaned up.
public struct HostCaches: Sendable {
    public let deployments: Reflector
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
        // Workloads are looked up by the policy labels only; other labels (often one per workload)
        // would cost an index entry each.
        deployments = Reflector(
            api: api, resource: .deployments,
            store: Store(
                resource: KubeClient.APIResource.deployments.groupResource,
                indexedLabels: [
                    PolicyLabel.propagationPolicy, PolicyLabel.clusterPropagationPolicy, PolicyLabel.overridePolicy,
                    PolicyLabel.clusterOverridePolicy,
                ]),
            watchTimeoutSeconds: watchTimeoutSeconds)
        propagationPolicies = reflector(.propagationPolicies)
        clusterPropagationPolicies = reflector(.clusterPropagationPolicies)
        overridePolicies = reflector(.overridePolicies)
        clusterOverridePolicies = reflector(.clusterOverridePolicies)
        clusters = reflector(.federatedClusters)
    }

    var all: [Reflector] {
        [deployments, propagationPolicies, clusterPropagationPolicies, overridePolicies, clusterOverridePolicies, clusters]
    }

    /// Runs every reflector until the task is cancelled.
    public func run() async {
        await withDiscardingTaskGroup { group in
            for reflector in all { group.addTask { await reflector.run() } }
        }
    }

    public func waitUntilSynced() async throws {
        for reflector in all { try await reflector.store.waitUntilSynced() }
    }

    public var hasSynced: Bool {
        get async {
            for reflector in all where !(await reflector.store.hasSynced) { return false }
            return true
        }
    }

    /// What the engine needs to plan `workload`: the workload, the policies its labels name
    /// (missing ones are the engine's to report), and every FederatedCluster (decoded once per
    /// version).
    public func inventory(for workload: JSONValue) async -> ObjectInventory {
        let labels = workload[path: ["metadata", "labels"]]?.objectValue ?? JSONObject()
        let namespace = workload[path: ["metadata", "namespace"]]?.stringValue
        var objects = [workload]
        func add(_ label: String, _ store: Store, namespaced: Bool) async {
            guard let name = labels[label]?.stringValue, !name.isEmpty else { return }
            let key = ObjectKey(resource: store.resource, namespace: namespaced ? namespace : nil, name: name)
            if let policy = await store.object(for: key) { objects.append(policy) }
        }
        await add(PolicyLabel.propagationPolicy, propagationPolicies.store, namespaced: true)
        await add(PolicyLabel.clusterPropagationPolicy, clusterPropagationPolicies.store, namespaced: false)
        await add(PolicyLabel.overridePolicy, overridePolicies.store, namespaced: true)
        await add(PolicyLabel.clusterOverridePolicy, clusterOverridePolicies.store, namespaced: false)
        return ObjectInventory(objects, decodedClusters: decodedClusters.decode(await clusters.store.snapshot().objects))
    }
}
