import KubeClient
import KubeObjects

/// What a member has before any workload arrives: the ResourcePolicy CRDs of both dialects, the
/// configured ResourcePolicies and the pools' initial nodes. Each is created only if absent, so
/// a simulator restarted against the same API server changes nothing that exists.
struct MemberSetup: Sendable {
    let context: SimContext

    func perform() async throws {
        let api = context.api
        for dialect in ResourcePolicy.Dialect.allCases {
            try await installDefinition(dialect)
        }
        for document in context.member.resourcePolicies {
            let policy = document.policy
            _ = try await tolerating([.alreadyExists]) { () throws(KubeAPIError) in
                try await api.create(policy.dialect.resource, namespace: policy.namespace, document.object)
            }
        }
        for pool in context.member.pools {
            for name in NodeFactory.initialNodeNames(pool, region: context.member.region) {
                let existing = try await tolerating([.notFound]) { () throws(KubeAPIError) in
                    try await api.get(.nodes, name: name)
                }
                if existing == nil { try await context.createNode(name, pool: pool) }
            }
        }
    }

    /// Creates the dialect's CRD if absent and waits until the API serves its resource (a real
    /// API server takes a moment to establish a new CRD; a simulated one does not).
    private func installDefinition(_ dialect: ResourcePolicy.Dialect) async throws {
        let definition = dialect.customResourceDefinition
        let api = context.api
        _ = try await tolerating([.alreadyExists]) { () throws(KubeAPIError) in
            try await api.create(.customResourceDefinitions, definition)
        }
        for _ in 0..<100 {
            let served = try await tolerating([.notFound]) { () throws(KubeAPIError) in
                try await api.list(dialect.resource, options: ListOptions(limit: 1))
            }
            if served != nil { return }
            try await api.clock.sleep(for: .milliseconds(100))
        }
        throw KubeAPIError(.notFound, "the API server does not serve \(dialect.resource) 10 s after its CRD was created")
    }
}
