import KubeClient
import KubeObjects
import Placement

/// One pass over one member: resolve its credentials, keep its client current, probe it, and
/// publish what changed in its status. Keyed by the FederatedCluster's name.
///
/// A FederatedCluster missing from the store has been deleted: its client and remembered state
/// are dropped. Otherwise the reconcile always asks to run again after the health period,
/// whatever the outcome, since health is something to poll.
struct ClusterReconciler: Reconciler {
    let host: KubeAPI
    let clusters: Store
    let secrets: Store
    let members: MemberClients
    let book: ClusterStatusBook
    let namespace: String
    let period: Duration
    let probe: ClusterProbe

    func reconcile(_ key: ObjectKey) async throws -> ReconcileAction {
        let name = key.name
        guard let stored = await clusters.object(for: key) else {
            await members.remove(name)
            await book.forget(name)
            return .done
        }
        let object = await book.newest(stored, cluster: name)
        let cluster: FederatedCluster
        let published: FederatedClusterStatus
        do {
            (cluster, published) = try Self.decode(object)
        } catch {
            await members.remove(name)
            throw error
        }

        let observation: ClusterObservation
        let secretKey = ObjectKey(resource: secrets.resource, namespace: namespace, name: cluster.spec.secretName)
        do {
            let credentials = try MemberCredentials.resolve(
                cluster: cluster, secret: await secrets.object(for: secretKey), namespace: namespace)
            let result = await probe.probe(await members.update(credentials))
            observation = ClusterObservation(probe: result, wasJoined: published.isJoined)
        } catch {
            await members.remove(name)
            observation = ClusterObservation(credentialsError: error)
        }
        if Task.isCancelled { return .done }

        let clock = host.clock
        let wallTime = Timestamp(secondsSinceEpoch: clock.wallTime.components.seconds)
        let status = await book.compose(
            cluster: name, published: published, observation: observation, now: clock.now, wallTime: wallTime)
        if status != published {
            try await write(status, to: object, cluster: name)
        }
        return .requeue(after: period)
    }

    /// The cluster, and its status as published. A status that does not decode (written by
    /// hand) is treated as empty, so the controller replaces it rather than giving up.
    private static func decode(
        _ object: JSONValue
    ) throws(InvalidFederatedCluster) -> (FederatedCluster, FederatedClusterStatus) {
        do {
            let cluster = try FederatedCluster.decode(object)
            return (cluster, cluster.status)
        } catch {
            var withoutStatus = object
            withoutStatus["status"] = nil
            do {
                return (try FederatedCluster.decode(withoutStatus), FederatedClusterStatus())
            } catch {
                throw InvalidFederatedCluster(error: error)
            }
        }
    }

    /// PUTs the status subresource. On a conflict (someone else wrote the object since the store
    /// saw it) it re-reads the object and writes once more; a cluster deleted meanwhile is done.
    private func write(_ status: FederatedClusterStatus, to object: JSONValue, cluster: String) async throws {
        var current = object
        for attempt in 1...2 {
            var updated = current
            updated["status"] = status.encoded(over: current["status"])
            let failure: KubeAPIError
            do {
                let stored = try await host.updateSubresource(
                    APIResource.federatedClusters, updated, subresource: "status")
                await book.recordWrite(cluster: cluster, replaced: current, stored: stored)
                return
            } catch {
                failure = error
            }
            if failure.code == .notFound { return }
            guard failure.code == .conflict, attempt == 1 else { throw failure }
            current = try await host.get(APIResource.federatedClusters, name: cluster)
        }
    }
}

/// A FederatedCluster whose spec cannot be read (the CRD's schema normally prevents this). Not
/// retried: the next change to the object queues it again.
struct InvalidFederatedCluster: ReconcileError, CustomStringConvertible {
    var error: PolicyError
    var isTerminal: Bool { true }
    var description: String { error.description }
}
