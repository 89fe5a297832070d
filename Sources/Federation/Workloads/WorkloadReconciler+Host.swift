import KubeClient
import KubeObjects
import Placement

extension WorkloadReconciler {
    /// `clusters`' copies as cached, for the status. An unknown member reads as "not reported",
    /// which is what it is.
    func memberReports(of header: HostWorkload, clusters: [String]) async -> [WorkloadStatus.Member] {
        var members: [WorkloadStatus.Member] = []
        for cluster in clusters {
            let copy = try? await memberCopy(in: cluster, of: header)
            members.append(WorkloadStatus.Member(cluster: cluster, copy: copy))
        }
        return members
    }

    /// The status summed over `members`' copies, with `problems` (by cluster) in `MembersSynced`
    /// (`nil`: the members were not written).
    func status(
        of workload: JSONValue, members: [WorkloadStatus.Member], placementError: String?,
        problems: [String: MemberProblem]?
    ) -> WorkloadStatus {
        WorkloadStatus(
            members: members, hostGeneration: HostWorkload(workload).generation, placementError: placementError,
            problems: problems, now: clock.timestamp, previous: workload["status"])
    }

    /// Writes `status` to the host workload's status subresource, if it changes what is there.
    func write(_ status: WorkloadStatus, of workload: JSONValue) async throws {
        guard status.differs(from: workload["status"]) else { return }
        let header = HostWorkload(workload)
        _ = try await host.patch(
            .deployments, namespace: header.namespace, name: header.name, ["status": status.status],
            subresource: "status")
    }

    /// Computes and writes the status of a workload that could not be placed (the per-cluster
    /// breakdown annotation stays as it was).
    func writeStatus(of workload: JSONValue, members: [String], placementError: String) async throws {
        let reports = await memberReports(of: HostWorkload(workload), clusters: members)
        try await write(
            status(of: workload, members: reports, placementError: placementError, problems: nil), of: workload)
    }

    /// One patch for Flotilla's annotations and, when `addingFinalizer`, its finalizer; nothing
    /// when neither changes. Adding the finalizer is guarded by the resourceVersion, so that a
    /// concurrent writer's finalizer list is never overwritten (the patch fails instead, and the
    /// reconcile is retried).
    func patchMetadata(of workload: JSONValue, _ writes: AnnotationWrites, addingFinalizer: Bool) async throws {
        var operations: [JSONValue] = []
        if addingFinalizer {
            if let version = workload[path: ["metadata", "resourceVersion"]] {
                operations.append(["op": "test", "path": "/metadata/resourceVersion", "value": version])
            }
            operations.append(
                workload[path: ["metadata", "finalizers"]] == nil
                    ? ["op": "add", "path": "/metadata/finalizers", "value": [.string(Self.finalizer)]]
                    : ["op": "add", "path": "/metadata/finalizers/-", "value": .string(Self.finalizer)])
        }
        operations += writes.patchOperations(hasAnnotations: workload[path: ["metadata", "annotations"]]?.objectValue != nil)
        guard !operations.isEmpty else { return }
        let header = HostWorkload(workload)
        _ = try await host.patch(
            .deployments, namespace: header.namespace, name: header.name, .array(operations), type: .json)
    }

    /// The workload is being deleted or has lost its policy label: remove its member objects,
    /// then Flotilla's annotations and finalizer.
    ///
    /// As in KubeAdmiral and kubefed, only the clusters registered in the federation (those with a
    /// FederatedCluster, `registered`) are cleaned: a cluster whose FederatedCluster is gone is no
    /// longer a member, its copy is left in place (with an Event saying so) and does not hold up
    /// the finalizer. A registered member that cannot be reached or fails, or that holds the
    /// workload and has no client, keeps the finalizer in place and the reconcile is retried:
    /// nothing is left behind in a member, and nothing is deleted on a guess.
    func release(_ workload: JSONValue, registered: Set<String>) async throws -> ReconcileAction {
        let header = HostWorkload(workload)
        let placed = CurrentPlacementAnnotation.clusters(in: header.annotations[SchedulingAnnotation.placement])
        var failures: [String] = []
        var leftInPlace: [String] = []
        for cluster in Set(placed).union(await members.clusters).sorted() {
            guard registered.contains(cluster) else {
                if placed.contains(cluster) { leftInPlace.append(cluster) }
                continue
            }
            guard let api = await clients.client(for: cluster) else {
                // Without a client Flotilla never wrote there, unless the workload is placed
                // there (credentials that stopped resolving): only then is something left to remove.
                guard placed.contains(cluster) else { continue }
                failures.append("cluster \(cluster): no usable connection")
                await recordWriteFailure(in: cluster, NoUsableConnection(), about: workload)
                continue
            }
            let sync = MemberSync(api: api, cluster: cluster, source: header.reference)
            do {
                let existing = try await cachedOrFetched(cluster, header: header, api: api)
                if let existing { _ = try await sync.delete(existing) }
            } catch {
                failures.append("cluster \(cluster): \(error)")
                await recordWriteFailure(in: cluster, error, about: workload)
            }
        }
        if !failures.isEmpty { throw MemberSyncFailed(messages: failures) }
        for cluster in leftInPlace {
            await events.record(
                .warning, reason: "MemberLeftInPlace",
                message: "left in place in cluster \(cluster): it is no longer a member (its FederatedCluster is gone)",
                about: workload)
        }

        var operations: [JSONValue] = []
        if let version = workload[path: ["metadata", "resourceVersion"]] {
            operations.append(["op": "test", "path": "/metadata/resourceVersion", "value": version])
        }
        if let index = header.finalizers.firstIndex(of: Self.finalizer) {
            operations.append(["op": "remove", "path": .string("/metadata/finalizers/\(index)")])
        }
        for key in Self.stateAnnotations where header.annotations[key] != nil {
            operations.append(["op": "remove", "path": .string("/metadata/annotations/\(JSONPointer.escape(key))")])
        }
        if operations.count > 1 {
            _ = try await host.patch(
                .deployments, namespace: header.namespace, name: header.name, .array(operations), type: .json)
        }
        let message =
            leftInPlace.isEmpty
            ? "member objects removed" : "member objects removed, except in \(leftInPlace.joined(separator: ", "))"
        await events.record(.normal, reason: "Released", message: message, about: workload)
        return .done
    }

    /// Annotations Flotilla writes on a workload, removed when it stops managing it.
    static let stateAnnotations = [
        SchedulingAnnotation.placement, SchedulingAnnotation.autoMigrationInfo, SchedulingTriggers.annotation,
        SchedulingTriggers.deferredReasonsAnnotation, WorkloadStatus.breakdownAnnotation,
    ]

    private func cachedOrFetched(_ cluster: String, header: HostWorkload, api: KubeAPI) async throws -> MemberCopy? {
        if let cached = try? await memberCopy(in: cluster, of: header) { return cached }
        do {
            return MemberCopy(cachedFrom: try await api.get(.deployments, namespace: header.namespace, name: header.name))
        } catch {
            guard error.code == .notFound else { throw error }
            return nil
        }
    }
}

/// Reads the cluster names out of `flotilla.io/placement` without decoding the workload.
enum CurrentPlacementAnnotation {
    static func clusters(in text: String?) -> [String] {
        guard let text, let json = try? JSONValue(parsing: text), let object = json.objectValue else { return [] }
        return object.keys.sorted()
    }
}
