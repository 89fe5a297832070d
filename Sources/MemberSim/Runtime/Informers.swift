import KubeClient
import KubeObjects

/// The collections the simulator watches, each kept in a `Store` by a `Reflector`.
struct Informers: Sendable {
    enum Kind: CaseIterable, Sendable {
        case deployments, replicaSets, pods, nodes, namespaces, volcenginePolicies, alibabacloudPolicies

        var resource: APIResource {
            switch self {
            case .deployments: return .deployments
            case .replicaSets: return .replicaSets
            case .pods: return .pods
            case .nodes: return .nodes
            case .namespaces: return .namespaces
            case .volcenginePolicies: return ResourcePolicy.Dialect.volcengine.resource
            case .alibabacloudPolicies: return ResourcePolicy.Dialect.alibabacloud.resource
            }
        }
    }

    let stores: [Kind: Store]

    init() {
        var stores: [Kind: Store] = [:]
        for kind in Kind.allCases { stores[kind] = Store(resource: kind.resource.groupResource) }
        self.stores = stores
    }

    subscript(kind: Kind) -> Store { stores[kind]! }

    /// Lists and watches every collection until the task is cancelled.
    func run(api: KubeAPI) async {
        await withDiscardingTaskGroup { group in
            for kind in Kind.allCases {
                let reflector = Reflector(api: api, resource: kind.resource, store: self[kind])
                group.addTask { await reflector.run() }
            }
        }
    }

    func waitUntilSynced() async throws {
        for kind in Kind.allCases { try await self[kind].waitUntilSynced() }
    }

    /// The kind whose store hands out keys of `resource`.
    static func kind(of resource: GroupResource?) -> Kind? {
        Kind.allCases.first { $0.resource.groupResource == resource }
    }

    /// Snapshots of every store, taken together at the start of a reconcile.
    func snapshots() async -> [Kind: StoreSnapshot] {
        var result: [Kind: StoreSnapshot] = [:]
        for kind in Kind.allCases { result[kind] = await self[kind].snapshot() }
        return result
    }
}
