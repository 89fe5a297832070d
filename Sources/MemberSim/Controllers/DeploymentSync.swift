import KubeClient
import KubeObjects

/// The Deployment controller's part: one ReplicaSet per pod template, scaled to the
/// Deployment's replicas, and the Deployment's status.
///
/// A template change creates the new template's ReplicaSet at full size and scales the others
/// to 0 at once (a plain replace, not a rolling update). ReplicaSets are never deleted while
/// their Deployment exists, as with a revision history; when the Deployment is gone, its
/// ReplicaSets are deleted (the garbage collector's part).
struct DeploymentSync: Sendable {
    let context: SimContext

    func sync(_ key: ObjectKey) async throws {
        let namespace = key.namespace ?? ""
        let owned = await context.informers[.replicaSets].snapshot().objects(inNamespace: namespace)
            .filter { $0.controllerName(kind: "Deployment") == key.name }
        guard let deployment = await context.informers[.deployments].object(for: key) else {
            for replicaSet in owned {
                try await context.deleteIfPresent(.replicaSets, namespace: namespace, name: replicaSet.metaName)
            }
            return
        }
        guard !deployment.isTerminating else { return }
        let desired = deployment[path: ["spec", "replicas"]]?.intValue ?? 1
        let hash = PodNaming.templateHash(deployment[path: ["spec", "template"]] ?? [:])
        // The current template's ReplicaSet keeps the latest revision if it alone holds it, as
        // after a scale; it takes the next one when it becomes current again (a rollback).
        let latest = owned.map(Self.revision).max() ?? 0
        let holdsLatest = owned.filter { Self.revision($0) == latest }.map(\.metaName)
        var others: [JSONValue] = []
        var current: JSONValue?
        for replicaSet in owned {
            if replicaSet.metaLabels[WellKnown.podTemplateHash] == hash {
                let revision = holdsLatest == [replicaSet.metaName] ? latest : latest + 1
                current = try await scale(replicaSet, to: desired, revision: revision)
            } else {
                others.append(try await scale(replicaSet, to: 0, revision: nil))
            }
        }
        let newReplicaSet: JSONValue
        if let current {
            newReplicaSet = current
        } else {
            newReplicaSet = try await create(for: deployment, hash: hash, replicas: desired, revision: latest + 1)
        }
        try await updateStatus(deployment, replicaSets: others + [newReplicaSet], newReplicaSet: newReplicaSet)
    }

    static func revision(_ replicaSet: JSONValue) -> Int64 {
        replicaSet.metaAnnotations[WellKnown.revision].flatMap { Int64($0) } ?? 0
    }

    /// Sets `spec.replicas` (and the revision annotations) when they differ; returns the object.
    private func scale(_ replicaSet: JSONValue, to replicas: Int64, revision: Int64?) async throws -> JSONValue {
        var metadata = JSONObject()
        var annotations = JSONObject()
        if let revision, Self.revision(replicaSet) != revision {
            annotations[WellKnown.revision] = .string(String(revision))
        }
        if revision != nil, replicaSet.metaAnnotations[WellKnown.desiredReplicas] != String(replicas) {
            annotations[WellKnown.desiredReplicas] = .string(String(replicas))
        }
        if !annotations.isEmpty { metadata["annotations"] = .object(annotations) }
        var patch = JSONObject()
        if !metadata.isEmpty { patch["metadata"] = .object(metadata) }
        if replicaSet[path: ["spec", "replicas"]]?.intValue != replicas {
            patch["spec"] = ["replicas": .int(replicas)]
        }
        guard !patch.isEmpty else { return replicaSet }
        return try await context.api.patch(
            .replicaSets, namespace: replicaSet.metaNamespace, name: replicaSet.metaName, .object(patch))
    }

    /// The ReplicaSet of the Deployment's current template.
    private func create(for deployment: JSONValue, hash: String, replicas: Int64, revision: Int64) async throws
        -> JSONValue
    {
        let name = PodNaming.replicaSetName(deployment: deployment.metaName, hash: hash)
        var template = deployment[path: ["spec", "template"]] ?? [:]
        var labels = template.stringMap(at: ["metadata", "labels"])
        labels[WellKnown.podTemplateHash] = hash
        template["metadata"] = template["metadata"] ?? [:]
        template["metadata"]?["labels"] = labels.jsonObject
        var selector = deployment[path: ["spec", "selector"]] ?? [:]
        var matchLabels = selector.stringMap(at: ["matchLabels"])
        matchLabels[WellKnown.podTemplateHash] = hash
        selector["matchLabels"] = matchLabels.jsonObject
        let annotations: [String: String] = [
            WellKnown.revision: String(revision), WellKnown.desiredReplicas: String(replicas),
        ]
        let replicaSet: JSONValue = .object(JSONObject([
            ("apiVersion", "apps/v1"), ("kind", "ReplicaSet"),
            ("metadata", .object(JSONObject([
                ("name", .string(name)), ("namespace", .string(deployment.metaNamespace)),
                ("labels", labels.jsonObject), ("annotations", annotations.jsonObject),
                ("ownerReferences", .controllerReference(to: deployment, kind: "Deployment", apiVersion: "apps/v1")),
            ]))),
            ("spec", .object(JSONObject([("replicas", .int(replicas)), ("selector", selector), ("template", template)]))),
        ]))
        let namespace = deployment.metaNamespace
        let created = try await tolerating([.alreadyExists]) { () throws(KubeAPIError) in
            try await context.api.create(.replicaSets, namespace: namespace, replicaSet)
        }
        // Already there: created by an earlier sync whose event has not arrived yet.
        if let created { return created }
        return try await context.api.get(.replicaSets, namespace: namespace, name: name)
    }

    private func updateStatus(_ deployment: JSONValue, replicaSets: [JSONValue], newReplicaSet: JSONValue)
        async throws
    {
        let status = DeploymentStatus(
            deployment: deployment, replicaSets: replicaSets, newReplicaSet: newReplicaSet, now: context.timestamp)
        guard !status.isRecorded(in: deployment) else { return }
        _ = try await context.api.patch(
            .deployments, namespace: deployment.metaNamespace, name: deployment.metaName, ["status": status.json],
            subresource: "status")
    }
}
