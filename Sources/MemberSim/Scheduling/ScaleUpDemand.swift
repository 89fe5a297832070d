import KubeClient

/// How many nodes each autoscaled pool must add so that pending pods can run: the cluster
/// autoscaler's what-if.
///
/// It replays the scheduler over hypothetical nodes only: the nodes already being provisioned,
/// then, for each pool below its `maxNodes`, one more node built from the pool's template
/// whenever the previous one is taken. The scheduler's own rules (unit order, unit `max`,
/// `require`/`prefer`, serverless-only pods) decide which pool a pod would use, so the
/// autoscaler never grows a pool the pod could not use. Pure: the caller acts on the result.
enum ScaleUpDemand {
    /// - Parameters:
    ///   - pending: the pods the scheduling pass could not place, in its order.
    ///   - placer: the scheduling pass's placer (real nodes, with the pass's bindings).
    ///   - nodeCounts: per autoscaled pool, the nodes that exist now.
    ///   - provisioning: per autoscaled pool, nodes already requested and not yet created.
    /// - Returns: per pool, the nodes to request now (only pools that need any).
    static func nodesToAdd(
        pending: [PodInfo], placer: PodPlacer, pools: [NodePoolConfig], nodeCounts: [String: Int],
        provisioning: [String: Int]
    ) -> [String: Int] {
        let growable = pools.filter { $0.autoscaling != nil && !$0.isElastic }
        guard !pending.isEmpty, !growable.isEmpty else { return [:] }
        var whatIf = placer
        var hypothetical: [NodeInfo] = []
        var planned: [String: Int] = [:]
        for pool in growable {
            for index in 0..<(provisioning[pool.name] ?? 0) {
                hypothetical.append(templateNode(pool, name: "\(pool.name)-provisioning-\(index)"))
            }
        }
        func canGrow(_ pool: NodePoolConfig) -> Bool {
            let total = (nodeCounts[pool.name] ?? 0) + (provisioning[pool.name] ?? 0) + (planned[pool.name] ?? 0)
            return total < (pool.autoscaling?.maxNodes ?? 0)
        }
        for pod in pending {
            let candidates = hypothetical + growable.filter(canGrow).map {
                templateNode($0, name: "\($0.name)-new-\(planned[$0.name] ?? 0)")
            }
            whatIf.nodes = candidates
            guard let node = whatIf.choose(pod), let pool = node.pool else { continue }
            whatIf.record(pod, on: node.name)
            if node.name.hasPrefix("\(pool)-new-") {
                planned[pool, default: 0] += 1
                hypothetical.append(node)
            }
        }
        return planned
    }

    /// A node as the pool would create it: Ready and empty.
    static func templateNode(_ pool: NodePoolConfig, name: String) -> NodeInfo {
        NodeInfo(NodeFactory.node(named: name, pool: pool, region: ""))
    }
}
