import KubeClient
import KubeObjects
import Placement

extension WorkloadReconciler {
    /// This workload's copy in `cluster`, as cached. Throws when the member's cache has not
    /// listed yet: its contents are unknown, not empty.
    func memberCopy(in cluster: String, of header: HostWorkload) async throws -> MemberCopy? {
        guard let store = await members.syncedStore(for: cluster) else {
            throw MemberSyncFailed(messages: ["cluster \(cluster): its objects have not been listed yet"])
        }
        let key = ObjectKey(
            resource: KubeClient.APIResource.deployments.groupResource, namespace: header.namespace, name: header.name)
        return await store.object(for: key)
    }

    /// Creates or updates the planned member objects and deletes this workload's objects from
    /// clusters the plan no longer selects. Returns one message per failure.
    ///
    /// Members are written concurrently: they are independent servers, and a slow one should not
    /// hold up the others (nor make one workload's reconcile take ten round trips in a row).
    func syncMembers(_ plan: WorkloadPlan, workload: JSONValue, header: HostWorkload) async -> [String] {
        var failures = await withTaskGroup(of: String?.self) { group in
            for member in plan.clusters {
                group.addTask { await self.apply(member, workload: workload, header: header) }
            }
            var failures: [String] = []
            for await failure in group { if let failure { failures.append(failure) } }
            return failures.sorted()
        }
        let selected = Set(plan.clusters.map(\.cluster))
        for cluster in await members.clusters where !selected.contains(cluster) {
            do {
                guard let existing = try await memberCopy(in: cluster, of: header),
                    let api = await clients.client(for: cluster)
                else { continue }
                let outcome = try await MemberSync(api: api, cluster: cluster, source: header.reference).delete(existing)
                observe(outcome, cluster: cluster)
                if outcome == .deleted {
                    await events.record(
                        .normal, reason: "MemberRemoved", message: "removed from cluster \(cluster)", about: workload)
                }
            } catch {
                observer.memberWrite(cluster: cluster, outcome: "failed")
                failures.append("cluster \(cluster): \(error)")
            }
        }
        return failures
    }

    /// Writes one planned member object; returns the failure, if any.
    private func apply(_ member: MemberPlan, workload: JSONValue, header: HostWorkload) async -> String? {
        guard let api = await clients.client(for: member.cluster) else {
            return "cluster \(member.cluster): no usable connection"
        }
        guard let object = member.object else {
            let message = "cluster \(member.cluster): \(member.error ?? "no member object")"
            await events.record(.warning, reason: "OverrideFailed", message: message, about: workload)
            return nil
        }
        let sync = MemberSync(api: api, cluster: member.cluster, source: header.reference)
        do {
            let existing = try await memberCopy(in: member.cluster, of: header)
            let outcome = try await sync.apply(object, existing: existing, adopt: header.adopts)
            observe(outcome, cluster: member.cluster)
            if case .refused(let why) = outcome {
                await events.record(.warning, reason: "AdoptionRefused", message: why, about: workload)
            }
            return nil
        } catch {
            observer.memberWrite(cluster: member.cluster, outcome: "failed")
            return "cluster \(member.cluster): \(error)"
        }
    }

    private func observe(_ outcome: MemberSync.Outcome, cluster: String) {
        switch outcome {
        case .created: observer.memberWrite(cluster: cluster, outcome: "created")
        case .updated: observer.memberWrite(cluster: cluster, outcome: "updated")
        case .deleted: observer.memberWrite(cluster: cluster, outcome: "deleted")
        case .refused: observer.memberWrite(cluster: cluster, outcome: "refused")
        case .unchanged: break
        }
    }

    /// Auto-migration's estimates for the clusters that hold the workload, as the annotation
    /// text (`nil`: auto-migration is off, remove the annotation), and when to look again.
    func migrationInfo(for workload: Workload, policies: PolicySet, now: Timestamp) async throws
        -> (annotation: String?, nextCrossIn: Duration?)
    {
        guard let request = try? PlacementRequest.make(for: workload, policies: policies),
            let autoMigration = request.autoMigration
        else { return (nil, nil) }
        let header = HostWorkload(workload.raw)
        let selector = MigrationProbe.selector(workload.raw[path: ["spec", "selector", "matchLabels"]])
        var estimates: [String: ClusterCapacityEstimate] = [:]
        var nextCrossIn: Duration?
        for cluster in request.currentPlacement.clusters.keys.sorted() {
            guard let member = try await memberCopy(in: cluster, of: header),
                let api = await clients.client(for: cluster)
            else { continue }
            let result = try await MigrationProbe(api: api).probe(
                member: member, namespace: header.namespace, selector: selector,
                threshold: autoMigration.podUnschedulableFor, now: now)
            estimates[cluster] = result.estimate
            if let next = result.nextCrossIn, nextCrossIn.map({ next < $0 }) ?? true { nextCrossIn = next }
        }
        return (AutoMigrationInfo(estimates: estimates).jsonValue.jsonString, nextCrossIn)
    }
}
