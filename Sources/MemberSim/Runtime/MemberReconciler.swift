import KubeClient
import KubeObjects

/// Routes each queued key to its part of the simulation. Every part re-reads the stores, so a
/// key means only "look at this again".
struct MemberReconciler: Reconciler {
    let context: SimContext

    func reconcile(_ key: ObjectKey) async throws -> ReconcileAction {
        switch key.resource {
        case APIResource.deployments.groupResource: try await DeploymentSync(context: context).sync(key)
        case APIResource.replicaSets.groupResource: try await ReplicaSetSync(context: context).sync(key)
        case SimContext.clusterKey.resource: try await ClusterSync(context: context).sync()
        default: break
        }
        return .done
    }
}

extension Informers {
    /// Turns store changes into queue keys: a Deployment's own; a ReplicaSet's own and its
    /// Deployment's; a pod's ReplicaSet (whose expectations it may settle) and the cluster pass;
    /// nodes, namespaces and ResourcePolicies the cluster pass. Then records the change in
    /// `activity`, after its keys are queued.
    func routeChanges(to queue: WorkQueue, expectations: Expectations, activity: Activity) async {
        for kind in Kind.allCases {
            await self[kind].addHandler { change in
                for key in Self.keys(for: change, of: kind) { await queue.add(key) }
                if kind == .pods { await Self.settle(change, expectations) }
                await activity.record(change, of: kind)
            }
        }
    }

    private static func keys(for change: StoreChange, of kind: Kind) -> [ObjectKey] {
        let namespace = change.key.namespace
        switch kind {
        case .deployments:
            return [change.key]
        case .replicaSets:
            let owner = change.object.controllerName(kind: "Deployment").map {
                ObjectKey(resource: APIResource.deployments.groupResource, namespace: namespace, name: $0)
            }
            return [change.key] + (owner.map { [$0] } ?? [])
        case .pods:
            let owner = replicaSetKey(of: change.object, namespace: namespace)
            return (owner.map { [$0] } ?? []) + [SimContext.clusterKey]
        case .nodes, .namespaces, .volcenginePolicies, .alibabacloudPolicies:
            return [SimContext.clusterKey]
        }
    }

    private static func replicaSetKey(of pod: JSONValue, namespace: String?) -> ObjectKey? {
        pod.controllerName(kind: "ReplicaSet").map {
            ObjectKey(resource: APIResource.replicaSets.groupResource, namespace: namespace, name: $0)
        }
    }

    private static func settle(_ change: StoreChange, _ expectations: Expectations) async {
        guard let owner = replicaSetKey(of: change.object, namespace: change.key.namespace) else { return }
        let name = change.key.name
        switch change {
        case .added(_, let pod), .updated(_, _, let pod):
            if pod.isTerminating {
                await expectations.observedGone(name, of: owner)
            } else {
                await expectations.observedPresent(name, of: owner)
            }
        case .deleted:
            await expectations.observedGone(name, of: owner)
        }
    }
}
