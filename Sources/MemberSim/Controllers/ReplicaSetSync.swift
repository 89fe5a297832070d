import KubeClient
import KubeObjects

/// The ReplicaSet controller's part: as many active pods as `spec.replicas`, named by
/// `PodNaming`, removed in `ScaleDownOrder`; and the ReplicaSet's status.
///
/// A sync acts only once the pod store has caught up with its previous writes
/// (`Expectations`), so a lagging store never makes it create or delete twice. When the
/// ReplicaSet is gone, its pods are deleted (the garbage collector's part).
struct ReplicaSetSync: Sendable {
    let context: SimContext

    func sync(_ key: ObjectKey) async throws {
        let namespace = key.namespace ?? ""
        let podObjects = await context.informers[.pods].snapshot().objects(inNamespace: namespace)
        let owned = podObjects.map(PodInfo.init).filter { $0.owner == key.name }
        guard let replicaSet = await context.informers[.replicaSets].object(for: key) else {
            await context.expectations.forget(key)
            for pod in owned where !pod.isTerminating {
                try await context.deleteIfPresent(.pods, namespace: namespace, name: pod.name)
            }
            return
        }
        guard await context.expectations.isSatisfied(key) else { return }
        let active = owned.filter(\.isActive)
        let desired = Int(replicaSet[path: ["spec", "replicas"]]?.intValue ?? 1)
        if active.count < desired, !replicaSet.isTerminating {
            let taken = Set(podObjects.map(\.metaName))
            let names = PodNaming.podNames(replicaSet: replicaSet.metaName, count: desired - active.count, taken: taken)
            try await createPods(names, of: replicaSet, key: key)
        } else if active.count > desired {
            let view = await ClusterView.current(context)
            let victims = ScaleDownOrder.ranked(active, in: view).prefix(active.count - desired).map(\.name)
            try await deletePods(victims, namespace: namespace, key: key)
        }
        try await updateStatus(replicaSet, pods: active)
    }

    private func createPods(_ names: [String], of replicaSet: JSONValue, key: ObjectKey) async throws {
        await context.expectations.expectCreations(names, by: key)
        for (index, name) in names.enumerated() {
            do {
                _ = try await context.api.create(.pods, namespace: replicaSet.metaNamespace, Self.pod(name, of: replicaSet))
            } catch where error.code == .alreadyExists {
                await context.expectations.creationSettled(name, of: key)
            } catch {
                // Neither this pod nor the ones not attempted will send an event.
                for unsent in names[index...] { await context.expectations.creationSettled(unsent, of: key) }
                throw error
            }
        }
    }

    private func deletePods(_ names: [String], namespace: String, key: ObjectKey) async throws {
        await context.expectations.expectDeletions(names, by: key)
        for (index, name) in names.enumerated() {
            do {
                try await context.api.delete(.pods, namespace: namespace, name: name)
            } catch where error.code == .notFound {
                await context.expectations.deletionSettled(name, of: key)
            } catch {
                for unsent in names[index...] { await context.expectations.deletionSettled(unsent, of: key) }
                throw error
            }
        }
    }

    /// A pod from the ReplicaSet's template, owned by it.
    static func pod(_ name: String, of replicaSet: JSONValue) -> JSONValue {
        let template = replicaSet[path: ["spec", "template"]] ?? [:]
        var metadata = template["metadata"]?.objectValue ?? JSONObject()
        metadata["name"] = .string(name)
        metadata["namespace"] = .string(replicaSet.metaNamespace)
        metadata["ownerReferences"] = .controllerReference(to: replicaSet, kind: "ReplicaSet", apiVersion: "apps/v1")
        return .object(JSONObject([
            ("apiVersion", "v1"), ("kind", "Pod"), ("metadata", .object(metadata)),
            ("spec", template["spec"] ?? [:]),
        ]))
    }

    /// `status` from the active pods, written only when it changes.
    private func updateStatus(_ replicaSet: JSONValue, pods: [PodInfo]) async throws {
        let selector = replicaSet.stringMap(at: ["spec", "selector", "matchLabels"])
        let labelled = pods.count { pod in selector.allSatisfy { pod.labels[$0.key] == $0.value } }
        let ready = pods.count(where: \.isReady)
        let status: JSONValue = [
            "replicas": .int(Int64(pods.count)), "fullyLabeledReplicas": .int(Int64(labelled)),
            "readyReplicas": .int(Int64(ready)), "availableReplicas": .int(Int64(ready)),
            "observedGeneration": .int(replicaSet.metaGeneration),
        ]
        let current = replicaSet["status"] ?? [:]
        let changed = ["replicas", "fullyLabeledReplicas", "readyReplicas", "availableReplicas", "observedGeneration"]
            .contains { (current[$0]?.intValue ?? 0) != status[$0]?.intValue }
        guard changed else { return }
        _ = try await context.api.patch(
            .replicaSets, namespace: replicaSet.metaNamespace, name: replicaSet.metaName, ["status": status],
            subresource: "status")
    }
}
