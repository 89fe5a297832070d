import KubeObjects

/// One entry of `status.conditions`, written the way Kubernetes controllers write them:
/// `lastTransitionTime` moves only when `status` changes, and (for kinds that have it)
/// `lastUpdateTime` only when anything does.
struct StatusCondition: Sendable, Hashable {
    var type: String
    var status: Bool
    var reason: String?
    var message: String?

    /// The condition as JSON, carrying over times from `previous` (the same type's condition as
    /// the object has it now). `withUpdateTime` adds `lastUpdateTime` (Deployments);
    /// otherwise `lastProbeTime: null` (Pods).
    func json(previous: JSONValue?, now: String, withUpdateTime: Bool) -> JSONValue {
        let statusText = status ? "True" : "False"
        let sameStatus = previous?["status"]?.stringValue == statusText
        let unchanged = sameStatus && previous?["reason"]?.stringValue == reason
            && previous?["message"]?.stringValue == message
        var object = JSONObject([("type", .string(type)), ("status", .string(statusText))])
        if withUpdateTime {
            object["lastUpdateTime"] = unchanged ? previous?["lastUpdateTime"] ?? .string(now) : .string(now)
        } else {
            object["lastProbeTime"] = nil
        }
        object["lastTransitionTime"] = sameStatus ? previous?["lastTransitionTime"] ?? .string(now) : .string(now)
        if let reason { object["reason"] = .string(reason) }
        if let message { object["message"] = .string(message) }
        return .object(object)
    }
}
