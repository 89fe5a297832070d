import KubeClient
import KubeObjects
import Placement

extension WorkloadReconciler {
    /// The status summed over `clusters`' copies; the per-cluster breakdown goes into
    /// `annotations` (unless placement failed: then the last breakdown stays as it was).
    func memberStatus(
        of workload: JSONValue, members clusters: [String], placementError: String?,
        annotations: inout AnnotationWrites
    ) async -> WorkloadStatus {
        let header = HostWorkload(workload)
        var members: [WorkloadStatus.Member] = []
        for cluster in clusters {
            // An unknown member reads as "not reported", which is what it is.
            let copy = try? await memberCopy(in: cluster, of: header)
            members.append(WorkloadStatus.Member(cluster: cluster, copy: copy))
        }
        let status = WorkloadStatus(
            members: members, hostGeneration: header.generation, placementError: placementError,
            now: clock.timestamp, previous: workload["status"])
        if placementError == nil { annotations.set(WorkloadStatus.breakdownAnnotation, status.breakdown.jsonString) }
        return status
    }

    /// Writes `status` to the host workload's status subresource, if it changes what is there.
    func write(_ status: WorkloadStatus, of workload: JSONValue) async throws {
        guard status.differs(from: workload["status"]) else { return }
        let header = HostWorkload(workload)
        _ = try await host.patch(
            .deployments, namespace: header.namespace, name: header.name, ["status": status.status],
            subresource: "status")
    }

    /// Computes and writes the status of a workload that could not be placed.
    func writeStatus(of workload: JSONValue, members: [String], placementError: String) async throws {
        var ignored = AnnotationWrites(current: [:])
        let status = await memberStatus(
            of: workload, members: members, placementError: placementError, annotations: &ignored)
        try await write(status, of: workload)
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
    /// then Flotilla's annotations and finalizer. A member that cannot be reached keeps the
    /// finalizer in place (and the reconcile is retried): nothing is left behind, and nothing is
    /// deleted on a guess.
    func release(_ workload: JSONValue) async throws -> ReconcileAction {
        let header = HostWorkload(workload)
        let placed = CurrentPlacementAnnotation.clusters(in: header.annotations[SchedulingAnnotation.placement])
        var failures: [String] = []
        for cluster in Set(placed).union(await members.clusters).sorted() {
            guard let api = await clients.client(for: cluster) else {
                if placed.contains(cluster) { failures.append("cluster \(cluster): no usable connection") }
                continue
            }
            let sync = MemberSync(api: api, cluster: cluster, source: header.reference)
            do {
                let existing = try await cachedOrFetched(cluster, header: header, api: api)
                if let existing { _ = try await sync.delete(existing) }
            } catch {
                failures.append("cluster \(cluster): \(error)")
            }
        }
        if !failures.isEmpty { throw MemberSyncFailed(messages: failures) }

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
        await events.record(.normal, reason: "Released", message: "member objects removed", about: workload)
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
