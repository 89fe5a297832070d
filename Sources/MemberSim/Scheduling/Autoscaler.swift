import KubeClient
import KubeObjects

/// The cluster autoscaler of the pools with `minNodes`/`maxNodes`.
///
/// Scale-up: when pending pods could run on new nodes of a pool (`ScaleUpDemand`), it requests
/// that many and creates them `provisioningDelay` later, on a timer of the injected clock.
/// Scale-down: a node with no active pods for `scaleDownDelay` is deleted, never taking the
/// pool below `minNodes`. Elastic pools are never scaled: their virtual nodes are unlimited.
struct Autoscaler: Sendable {
    let context: SimContext

    func adjust(view: ClusterView, outcome: SchedulingOutcome) async throws {
        let pools = context.member.pools.filter { $0.autoscaling != nil && !$0.isElastic }
        guard !pools.isEmpty else { return }
        let now = context.clock.now
        // Nodes created but not yet in the store count too, or they would be created twice.
        let created = await context.scheduling.createdNodes
        var nodeCounts: [String: Int] = [:]
        for pool in view.nodes.filter({ !$0.isTerminating }).compactMap(\.pool) + created.values {
            nodeCounts[pool, default: 0] += 1
        }
        let demand = ScaleUpDemand.nodesToAdd(
            pending: outcome.unschedulable.map(\.pod), placer: outcome.placer, pools: pools, nodeCounts: nodeCounts,
            provisioning: await context.scheduling.provisioningCounts())
        for pool in pools {
            guard let count = demand[pool.name], let settings = pool.autoscaling else { continue }
            await context.scheduling.requestNodes(pool: pool.name, count: count, due: now + settings.provisioningDelay)
            context.log("\(context.member.displayName): scaling up \(pool.name) by \(count)")
        }
        var taken = Set(view.nodes.map(\.name)).union(created.keys)
        for poolName in await context.scheduling.takeDueProvisioning(at: now) {
            guard let pool = context.member.pool(named: poolName) else { continue }
            let name = NodeFactory.nextNodeName(pool, taken: taken)
            taken.insert(name)
            await context.scheduling.noteCreated(name, pool: poolName)
            do {
                try await context.createNode(name, pool: pool)
            } catch {
                // The pods still pending will ask for the node again.
                await context.scheduling.forgetCreated(name)
                throw error
            }
        }
        var timers = Set(await context.scheduling.provisioning.map(\.due))
        timers.formUnion(try await scaleDown(pools, view: view, placer: outcome.placer, nodeCounts: nodeCounts, now: now))
        await context.timers.set(timers)
    }

    /// Deletes the nodes empty for long enough; returns when the other empty ones will be.
    private func scaleDown(
        _ pools: [NodePoolConfig], view: ClusterView, placer: PodPlacer, nodeCounts: [String: Int], now: ClockInstant
    ) async throws -> Set<ClockInstant> {
        var remaining = nodeCounts
        var later: Set<ClockInstant> = []
        for node in view.nodes where !node.isTerminating {
            guard let poolName = node.pool, let pool = pools.first(where: { $0.name == poolName }),
                let settings = pool.autoscaling
            else { continue }
            // A node that is not Ready yet (just created) is not a candidate.
            let isEmpty = node.isSchedulable && placer.podsPlaced(on: node.name) == 0
            guard let since = await context.scheduling.noteEmpty(node.name, isEmpty: isEmpty, now: now),
                (remaining[poolName] ?? 0) > settings.minNodes
            else { continue }
            let due = since + settings.scaleDownDelay
            guard due <= now else {
                later.insert(due)
                continue
            }
            remaining[poolName, default: 0] -= 1
            await context.scheduling.noteDeleted(node.name)
            try await context.deleteIfPresent(.nodes, namespace: nil, name: node.name)
            context.log("\(context.member.displayName): node \(node.name) of pool \(poolName) removed after being empty")
        }
        return later
    }
}
