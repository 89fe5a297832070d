import KubeObjects
import Placement

/// The host workload's status, summed from its member objects (pure).
///
/// A member that has not reported (no object yet, or an object whose status has not caught up
/// with its generation) is not counted as zero: it is named in the `MembersReported` condition,
/// so that "0 ready" and "not known yet" read differently.
struct WorkloadStatus: Sendable, Equatable {
    static let breakdownAnnotation = "flotilla.io/member-status"

    struct Member: Sendable, Equatable {
        var cluster: String
        /// The member's copy as cached, `nil` when it does not exist (yet).
        var copy: MemberCopy?
    }

    var status: JSONValue
    /// `{"<cluster>": {"replicas":…, "readyReplicas":…, …} | null}` for the annotation.
    var breakdown: JSONValue

    static let summedFields = MemberCopy.Status.countedFields

    /// - Parameters:
    ///   - placed: `Placed` condition: `nil` reason means placed; otherwise why not.
    init(members: [Member], hostGeneration: Int64, placementError: String?, now: Timestamp, previous: JSONValue?) {
        var sums = Dictionary(uniqueKeysWithValues: Self.summedFields.map { ($0, Int64(0)) })
        var breakdown = JSONObject()
        var unreported: [String] = []
        for member in members.sorted(by: { $0.cluster < $1.cluster }) {
            guard let copy = member.copy, copy.hasReported, let reported = copy.status else {
                unreported.append(member.cluster)
                breakdown[member.cluster] = .null
                continue
            }
            var entry = JSONObject()
            for field in Self.summedFields {
                let value = reported.count(field)
                sums[field, default: 0] += value
                entry[field] = .int(value)
            }
            breakdown[member.cluster] = .object(entry)
        }
        var status = JSONObject()
        for field in Self.summedFields { status[field] = .int(sums[field] ?? 0) }
        status["observedGeneration"] = .int(hostGeneration)
        let reported = Self.condition(
            type: "MembersReported", isTrue: unreported.isEmpty,
            reason: unreported.isEmpty ? "AllMembersReported" : "MembersNotReported",
            message: unreported.isEmpty
                ? "every member cluster has reported its status"
                : "not reported yet: \(unreported.joined(separator: ", "))",
            now: now, previous: previous)
        let placed = Self.condition(
            type: "Placed", isTrue: placementError == nil,
            reason: placementError == nil ? "Placed" : "PlacementFailed",
            message: placementError ?? "placed on \(members.count) member cluster(s)", now: now, previous: previous)
        status["conditions"] = [placed, reported]
        self.status = .object(status)
        self.breakdown = .object(breakdown)
    }

    /// A condition whose `lastTransitionTime` moves only when its status does.
    static func condition(
        type: String, isTrue: Bool, reason: String, message: String, now: Timestamp, previous: JSONValue?
    ) -> JSONValue {
        let status = isTrue ? "True" : "False"
        let old = previous?["conditions"]?.arrayValue?.first { $0["type"]?.stringValue == type }
        let since = old?["status"]?.stringValue == status ? old?["lastTransitionTime"] : nil
        return [
            "type": .string(type), "status": .string(status), "reason": .string(reason), "message": .string(message),
            "lastTransitionTime": since ?? .string(now.rfc3339),
        ]
    }

    /// Whether writing this status would change what the host shows.
    func differs(from current: JSONValue?) -> Bool {
        guard let current else { return true }
        for field in Self.summedFields + ["observedGeneration"] where current[field] != status[field] { return true }
        return current["conditions"] != status["conditions"]
    }
}
