import KubeObjects

/// A Deployment's `status`, computed from its ReplicaSets as the Deployment controller does.
///
/// `replicas`, `readyReplicas` and `availableReplicas` add up the ReplicaSets' statuses;
/// `updatedReplicas` is the current template's ReplicaSet's; `unavailableReplicas` is the
/// ReplicaSets' desired total minus the available ones. `Available` is true once at least
/// `spec.replicas` minus the rolling update's `maxUnavailable` (25 % rounded down unless set as
/// a number) are available; `Progressing` says whether the new ReplicaSet has caught up.
struct DeploymentStatus: Sendable {
    let json: JSONValue

    init(deployment: JSONValue, replicaSets: [JSONValue], newReplicaSet: JSONValue, now: String) {
        func sum(_ path: [String]) -> Int64 { replicaSets.reduce(0) { $0 + ($1[path: path]?.intValue ?? 0) } }
        let desired = deployment[path: ["spec", "replicas"]]?.intValue ?? 1
        let replicas = sum(["status", "replicas"])
        let updated = newReplicaSet[path: ["status", "replicas"]]?.intValue ?? 0
        let ready = sum(["status", "readyReplicas"])
        let available = sum(["status", "availableReplicas"])
        let unavailable = max(0, sum(["spec", "replicas"]) - available)
        let minimumAvailable = desired - Self.maxUnavailable(deployment, desired: desired)
        let name = newReplicaSet.metaName
        let complete = updated == desired && replicas == desired && available == desired
        let conditions: [StatusCondition] = [
            available >= minimumAvailable
                ? StatusCondition(
                    type: "Available", status: true, reason: "MinimumReplicasAvailable",
                    message: "Deployment has minimum availability.")
                : StatusCondition(
                    type: "Available", status: false, reason: "MinimumReplicasUnavailable",
                    message: "Deployment does not have minimum availability."),
            complete
                ? StatusCondition(
                    type: "Progressing", status: true, reason: "NewReplicaSetAvailable",
                    message: "ReplicaSet \"\(name)\" has successfully progressed.")
                : StatusCondition(
                    type: "Progressing", status: true, reason: "ReplicaSetUpdated",
                    message: "ReplicaSet \"\(name)\" is progressing."),
        ]
        json = .object(JSONObject([
            ("observedGeneration", .int(deployment.metaGeneration)), ("replicas", .int(replicas)),
            ("updatedReplicas", .int(updated)), ("readyReplicas", .int(ready)), ("availableReplicas", .int(available)),
            ("unavailableReplicas", .int(unavailable)),
            ("conditions", .array(conditions.map { $0.json(previous: deployment.condition($0.type), now: now, withUpdateTime: true) })),
        ]))
    }

    /// Whether the Deployment already carries this status. A real API server drops zero counts
    /// (`omitempty`), so a missing count equals zero here.
    func isRecorded(in deployment: JSONValue) -> Bool {
        Self.withoutZeros(json) == Self.withoutZeros(deployment["status"] ?? [:])
    }

    private static func withoutZeros(_ status: JSONValue) -> JSONValue {
        guard var object = status.objectValue else { return status }
        for (key, value) in object where value == .int(0) { object[key] = nil }
        return .object(object)
    }

    /// `spec.strategy.rollingUpdate.maxUnavailable`: a count, or a percentage rounded down
    /// (Kubernetes' default is 25 %).
    private static func maxUnavailable(_ deployment: JSONValue, desired: Int64) -> Int64 {
        let value = deployment[path: ["spec", "strategy", "rollingUpdate", "maxUnavailable"]]
        if let count = value?.intValue { return count }
        let percent = value?.stringValue.flatMap { Int64($0.dropLast()) } ?? 25
        return desired * percent / 100
    }
}
