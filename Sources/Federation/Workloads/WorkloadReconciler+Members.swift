import KubeClient
import KubeObjects
import Placement

extension WorkloadReconciler {
    /// This workload's copy in `cluster`, as cached. Throws `MemberNotListed` when the member's
    /// cache has not listed yet: its contents are unknown, not empty. `waiting: false` does not
    /// wait for a first list that is under way.
    func memberCopy(in cluster: String, of header: HostWorkload, waiting: Bool = true) async throws -> MemberCopy? {
        guard let store = await members.syncedStore(for: cluster, waiting: waiting) else { throw MemberNotListed() }
        let key = ObjectKey(
            resource: KubeClient.APIResource.deployments.groupResource, namespace: header.namespace, name: header.name)
        return await store.object(for: key)
    }

    /// What `syncMembers` did: one message per failure, and where each copy stands.
    struct MembersSynced: Sendable {
        var failures: [String] = []
        /// By cluster, the members that do not hold their planned copy, and why.
        var problems: [String: MemberProblem] = [:]
        /// The copies written (or found in place), by cluster.
        var versions: [String: MemberCopyVersion] = [:]
        /// The cached version each write started from, by cluster.
        var readVersions: [String: MemberCopyVersion] = [:]
        /// Every planned member was handled and its copy's version is known (nothing was refused
        /// or skipped for a failed override).
        var isComplete = true
    }

    /// Creates or updates the planned member objects and deletes this workload's objects from
    /// clusters the plan no longer selects.
    ///
    /// Members are written concurrently: they are independent servers, and a slow one should not
    /// hold up the others (nor make one workload's reconcile take ten round trips in a row).
    func syncMembers(_ plan: WorkloadPlan, workload: JSONValue, header: HostWorkload) async -> MembersSynced {
        var synced = await withTaskGroup(of: (String, Result<MemberWrite, MemberWriteFailed>).self) { group in
            for member in plan.clusters {
                group.addTask { (member.cluster, await self.apply(member, workload: workload, header: header)) }
            }
            var synced = MembersSynced()
            for await (cluster, result) in group {
                switch result {
                case .success(let write):
                    if let read = write.read { synced.readVersions[cluster] = read }
                    if let version = write.version { synced.versions[cluster] = version } else { synced.isComplete = false }
                    if let problem = write.problem { synced.problems[cluster] = problem }
                case .failure(let failure):
                    synced.failures.append(failure.message)
                    synced.problems[cluster] = Self.writeFailed(in: cluster)
                }
            }
            synced.failures.sort()
            return synced
        }
        let selected = Set(plan.clusters.map(\.cluster))
        for cluster in await members.clusters where !selected.contains(cluster) {
            do {
                // A member that has not listed (it is down, say) is left for later, without
                // failing the reconcile: when it lists, a copy found there queues this workload.
                let cached: MemberCopy?
                do { cached = try await memberCopy(in: cluster, of: header, waiting: false) } catch {
                    synced.isComplete = false
                    continue
                }
                guard let existing = cached, let api = await clients.client(for: cluster) else { continue }
                let written = try await MemberSync(api: api, cluster: cluster, source: header.reference).delete(existing)
                observe(written.outcome, cluster: cluster)
                synced.readVersions[cluster] = .at(existing.resourceVersion)
                if let version = written.version { synced.versions[cluster] = version }
                if written.outcome == .deleted {
                    await events.record(
                        .normal, reason: "MemberRemoved", message: "removed from cluster \(cluster)", about: workload)
                }
            } catch {
                observer.memberWrite(cluster: cluster, outcome: "failed")
                synced.failures.append("cluster \(cluster): \(error)")
                synced.problems[cluster] = Self.writeFailed(in: cluster)
                await recordWriteFailure(in: cluster, error, about: workload)
            }
        }
        return synced
    }

    /// The `MembersSynced` entry of a member whose write failed. Deliberately without the error's
    /// text, which varies from one attempt to the next: the `MemberSyncFailed` Event has it.
    static func writeFailed(in cluster: String) -> MemberProblem {
        MemberProblem(
            kind: .writeFailed,
            message: "cluster \(cluster): could not be brought up to date, retrying (see the MemberSyncFailed Event)")
    }

    /// A Warning Event `MemberSyncFailed` naming the cluster and the error. One Event per workload
    /// and cluster: a retry that fails again bumps its count and updates its message. Nothing is
    /// recorded for a write cut short by the controller stopping.
    func recordWriteFailure(in cluster: String, _ error: any Error, about workload: JSONValue) async {
        if Task.isCancelled || error is CancellationError || (error as? KubeAPIError)?.isCancellation == true { return }
        var text = "\(error)"
        if text.count > Self.eventErrorLength { text = String(text.prefix(Self.eventErrorLength)) + "…" }
        await events.record(
            .warning, reason: MemberProblem.Kind.writeFailed.rawValue, message: "cluster \(cluster): \(text)",
            about: workload, key: "cluster \(cluster)")
    }

    /// How much of an error's text a `MemberSyncFailed` Event carries.
    static let eventErrorLength = 300

    /// One planned member's write: the cached version it started from and where the copy stands
    /// afterwards (`nil`: unknown).
    struct MemberWrite: Sendable {
        var read: MemberCopyVersion?
        var version: MemberCopyVersion?
        /// Why nothing was written (a failed override, a refused adoption).
        var problem: MemberProblem?
    }

    /// Writes one planned member object; returns what it read and wrote, or the failure.
    private func apply(_ member: MemberPlan, workload: JSONValue, header: HostWorkload) async
        -> Result<MemberWrite, MemberWriteFailed>
    {
        guard let object = member.object else {
            // The override engine's error names the policy, the field and the cluster.
            let error = member.error ?? "no member object"
            await events.record(
                .warning, reason: MemberProblem.Kind.overrideFailed.rawValue,
                message: "cluster \(member.cluster): \(error)", about: workload)
            let problem = MemberProblem(
                kind: .overrideFailed, message: "overrides for cluster \(member.cluster) failed: \(error)")
            return .success(MemberWrite(read: nil, version: nil, problem: problem))
        }
        guard let api = await clients.client(for: member.cluster) else {
            let failure = MemberWriteFailed(message: "cluster \(member.cluster): no usable connection")
            await recordWriteFailure(in: member.cluster, NoUsableConnection(), about: workload)
            return .failure(failure)
        }
        let sync = MemberSync(api: api, cluster: member.cluster, source: header.reference)
        do {
            let existing = try await memberCopy(in: member.cluster, of: header)
            let written = try await sync.apply(object, existing: existing, adopt: header.adopts)
            observe(written.outcome, cluster: member.cluster)
            var problem: MemberProblem?
            if case .refused(let why) = written.outcome {
                await events.record(
                    .warning, reason: MemberProblem.Kind.adoptionRefused.rawValue, message: why, about: workload)
                problem = MemberProblem(kind: .adoptionRefused, message: why)
            }
            return .success(
                MemberWrite(
                    read: existing.map { .at($0.resourceVersion) } ?? .gone, version: written.version, problem: problem))
        } catch {
            observer.memberWrite(cluster: member.cluster, outcome: "failed")
            await recordWriteFailure(in: member.cluster, error, about: workload)
            return .failure(MemberWriteFailed(message: "cluster \(member.cluster): \(error)"))
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
        let previous = Self.previousEstimates(in: header.annotations[AutoMigrationInfo.annotation])
        var estimates: [String: ClusterCapacityEstimate] = [:]
        var nextCrossIn: Duration?
        for cluster in request.currentPlacement.clusters.keys.sorted() {
            do {
                guard let member = try await memberCopy(in: cluster, of: header),
                    let api = await clients.client(for: cluster)
                else { continue }
                let result = try await MigrationProbe(api: api).probe(
                    member: member, namespace: header.namespace, selector: selector,
                    threshold: autoMigration.podUnschedulableFor, now: now)
                estimates[cluster] = result.estimate
                if let next = result.nextCrossIn, nextCrossIn.map({ next < $0 }) ?? true { nextCrossIn = next }
            } catch {
                // A member that cannot be read keeps the estimate it had: dropping it would lift
                // the cap and send replicas back to a cluster nobody can see. The others move on.
                if Task.isCancelled { throw CancellationError() }
                if let kept = previous[cluster] { estimates[cluster] = kept }
            }
        }
        return (AutoMigrationInfo(estimates: estimates).jsonValue.jsonString, nextCrossIn)
    }

    /// Each cluster's entry in the auto-migration annotation as it stands.
    static func previousEstimates(in annotation: String?) -> [String: ClusterCapacityEstimate] {
        guard let annotation, let json = try? JSONValue(parsing: annotation),
            let info = try? AutoMigrationInfo(json: json)
        else { return [:] }
        var estimates: [String: ClusterCapacityEstimate] = [:]
        for (cluster, scheduled) in info.scheduledReplicas {
            estimates[cluster] = ClusterCapacityEstimate(
                estimatedCapacity: info.estimatedCapacity[cluster], scheduledReplicas: scheduled)
        }
        return estimates
    }
}

/// One member's write failed; the message names the cluster.
struct MemberWriteFailed: Error {
    var message: String
}

/// A member's cache has not listed yet (the member has not answered): what it holds is unknown.
struct MemberNotListed: Error, CustomStringConvertible {
    var description: String { "its objects have not been listed yet (the member has not answered)" }
}

/// Flotilla has no client for a registered member (credentials not resolved yet, or unusable).
struct NoUsableConnection: Error, CustomStringConvertible {
    var description: String { "no usable connection" }
}
