import KubeClient
import KubeObjects
import Placement

/// Reconciles one host workload: auto-migration info, the placement decision, the member objects,
/// and the status and annotations on the host (docs/concepts.md, "The controller").
///
/// Level-triggered and idempotent: every step compares what should be with what is and writes only
/// the difference, so a resync or a restart writes nothing when nothing changed. One member's
/// failure does not stop the others; the reconcile then fails as a whole and is retried with
/// backoff. Nothing in a member is deleted unless the plan, made from a readable policy, no
/// longer selects it.
public struct WorkloadReconciler: Reconciler {
    public static let finalizer = "flotilla.io/cleanup-members"

    let host: KubeAPI
    let caches: HostCaches
    let members: MemberWatches
    let clients: any MemberClientSource
    let events: EventRecorder
    let clock: any KubeClock
    let observer: any WorkloadObserver
    let memo = ReconcileMemo()

    public init(
        host: KubeAPI, caches: HostCaches, members: MemberWatches, clients: any MemberClientSource,
        events: EventRecorder, clock: any KubeClock, observer: any WorkloadObserver = NoWorkloadObserver()
    ) {
        self.host = host
        self.caches = caches
        self.members = members
        self.clients = clients
        self.events = events
        self.clock = clock
        self.observer = observer
    }

    public func reconcile(_ key: ObjectKey) async throws -> ReconcileAction {
        guard let cached = await caches.deployments.store.object(for: key) else {
            memo.forget(key)
            return .done
        }
        let read = await inputs(of: cached, key: key)
        let observed = read.fingerprint
        if memo.matches(key, observed) {
            observer.unchanged()
            return .done
        }
        memo.forget(key)
        var workload = try cached.object()
        let header = HostWorkload(workload)
        if header.isDeleting || !header.isBound {
            guard header.hasFinalizer || header.annotations[SchedulingAnnotation.placement] != nil else { return .done }
            return try await release(workload, registered: Self.names(of: read.clusters))
        }

        var inventory = caches.inventory(for: workload, policies: read.policies, clusters: read.clusters)
        guard var decoded = inventory.workloads.first else {
            let message = inventory.errors.map(\.description).joined(separator: "; ")
            await events.record(.warning, reason: "InvalidWorkload", message: message, about: workload)
            try await writeStatus(of: workload, members: [], placementError: message)
            return .done
        }
        var writes = AnnotationWrites(current: header.annotations)
        let now = clock.timestamp

        // Auto-migration first, so that this reconcile already plans with the fresh estimates.
        let migration = try await migrationInfo(for: decoded, policies: inventory.policies, now: now)
        writes.set(SchedulingAnnotation.autoMigrationInfo, migration.annotation)
        if writes.changes(SchedulingAnnotation.autoMigrationInfo) {
            workload["metadata"]?["annotations"]?[SchedulingAnnotation.autoMigrationInfo] =
                migration.annotation.map { .string($0) } ?? .null
            inventory = caches.inventory(for: workload, policies: read.policies, clusters: read.clusters)
            decoded = inventory.workloads.first ?? decoded
            let estimates = Self.estimatedCapacity(in: migration.annotation)
            if estimates != Self.estimatedCapacity(in: header.annotations[SchedulingAnnotation.autoMigrationInfo]) {
                await events.record(
                    .normal, reason: "AutoMigration",
                    message: "estimated capacity: \(estimates.isEmpty ? "no limits" : estimates)", about: workload)
            }
        }

        let previous = SchedulingTriggers(annotation: decoded.annotations[SchedulingTriggers.annotation])
        let planning = ContinuousClock.now
        let scheduled = PlacementEngine.schedule(decoded, in: inventory, now: now, previous: previous)
        observer.planned(duration: ContinuousClock.now - planning)
        guard let outcome = scheduled else { return .done }
        let plan = outcome.plan
        if !plan.errors.isEmpty {
            let message = plan.errors.joined(separator: "; ")
            await events.record(.warning, reason: "PlacementFailed", message: message, about: workload)
            try await writeStatus(of: workload, members: plan.clusters.map(\.cluster), placementError: message)
            return .done
        }
        record(outcome, into: &writes)
        let reports = await memberReports(of: header, clusters: plan.clusters.map(\.cluster))
        let placementNote = Self.noClusterMessage(plan)
        if placementNote == nil {
            let breakdown = status(of: workload, members: reports, placementError: nil, problems: nil).breakdown
            writes.set(WorkloadStatus.breakdownAnnotation, breakdown.jsonString)
        }

        // The finalizer goes on with the decision, before any member object exists: deleting the
        // workload from here on removes its member objects first.
        try await patchMetadata(of: workload, writes, addingFinalizer: !header.hasFinalizer)
        let synced = await syncMembers(plan, workload: workload, header: header)
        // The counts are those read before the writes; `MembersSynced` says how the writes went.
        try await write(
            status(of: workload, members: reports, placementError: placementNote, problems: synced.problems),
            of: workload)
        if outcome.decision.reschedules, writes.changes(SchedulingAnnotation.placement) {
            await events.record(
                .normal, reason: "Scheduled",
                message: plan.clusters.isEmpty
                    ? "placed nowhere: no member cluster was selected (\(outcome.decision))"
                    : "placed \(Self.describe(plan)) (\(outcome.decision))",
                about: workload)
        }
        if !synced.failures.isEmpty { throw MemberSyncFailed(messages: synced.failures) }
        // Without auto-migration, what the next reconcile reads is all in the caches: remember
        // where this one left them, so that the echoes of its own writes cost no second pass.
        if migration.annotation == nil, synced.isComplete,
            Self.readAsObserved(synced.readVersions, observed: observed)
        {
            let expected = Self.fingerprint(after: observed, workload: writes.applied(to: workload), copies: synced.versions)
            memo.remember(key, expected)
        }
        return migration.nextCrossIn.map { .requeue(after: $0) } ?? .done
    }

    /// Puts the decision into the annotations: the new placement, the triggers when it was a
    /// real scheduling, the deferral reasons when it was deferred.
    private func record(_ outcome: SchedulingOutcome, into writes: inout AnnotationWrites) {
        var placement = JSONObject()
        for member in outcome.plan.clusters.sorted(by: { $0.cluster < $1.cluster }) {
            placement[member.cluster] = member.replicas.map { .int($0) } ?? .null
        }
        writes.set(SchedulingAnnotation.placement, JSONValue.object(placement).jsonString)
        switch outcome.decision {
        case .reschedule:
            writes.set(SchedulingTriggers.annotation, outcome.triggers?.json.jsonString)
            writes.set(SchedulingTriggers.deferredReasonsAnnotation, nil)
        case .deferred(let reasons):
            writes.set(SchedulingTriggers.deferredReasonsAnnotation, reasons.joined(separator: "; "))
        case .unchanged:
            break
        }
    }

    /// The `estimatedCapacity` part of the annotation, as text: the part worth an Event (the
    /// scheduled counts move with every pod).
    static func estimatedCapacity(in annotation: String?) -> String {
        guard let annotation, let json = try? JSONValue(parsing: annotation),
            let capacity = json["estimatedCapacity"]?.objectValue, !capacity.isEmpty
        else { return "" }
        return capacity.keys.sorted().map { "\($0)=\(capacity[$0]?.intValue ?? 0)" }.joined(separator: ", ")
    }

    /// Why a plan selected no cluster at all, for the `Placed` condition; `nil` when it selected some.
    static func noClusterMessage(_ plan: WorkloadPlan) -> String? {
        guard plan.clusters.isEmpty else { return nil }
        let reasons = plan.excluded.map { "\($0.cluster): \($0.reason)" }
        return "no member cluster was selected" + (reasons.isEmpty ? "" : ": " + reasons.joined(separator: "; "))
    }

    /// The names of FederatedCluster objects: the clusters registered in the federation.
    static func names(of clusters: [JSONValue]) -> Set<String> {
        Set(clusters.compactMap { $0[path: ["metadata", "name"]]?.stringValue })
    }

    static func describe(_ plan: WorkloadPlan) -> String {
        plan.clusters.map { "\($0.cluster)=\($0.replicas.map(String.init) ?? "all")" }.joined(separator: ", ")
    }
}

/// One or more member clusters could not be brought in line; the reconcile is retried.
struct MemberSyncFailed: Error, CustomStringConvertible {
    var messages: [String]
    var description: String { messages.joined(separator: "; ") }
}
