import KubeObjects
import Placement

/// Why a selected member cluster does not hold the copy the plan wants, for the `MembersSynced`
/// condition.
struct MemberProblem: Sendable, Equatable {
    /// In the order their reasons take precedence in the condition: what needs a person first.
    enum Kind: String, Sendable, CaseIterable {
        /// The override policies could not be applied for this cluster: nothing was sent.
        case overrideFailed = "OverrideFailed"
        /// An object Flotilla did not create is in the way: nothing was sent.
        case adoptionRefused = "AdoptionRefused"
        /// A write to the member failed (unreachable, an API error); it is retried.
        case writeFailed = "MemberSyncFailed"
    }

    var kind: Kind
    /// Names the cluster.
    var message: String

    /// Nothing was sent to the member for this spec: it cannot report, and is not waited for.
    var nothingSent: Bool { kind != .writeFailed }
}

/// The host workload's status, summed from its member objects (pure).
///
/// A member that has not reported (no object yet, or an object whose status has not caught up
/// with its generation) is not counted as zero: it is named in the `MembersReported` condition,
/// so that "0 ready" and "not known yet" read differently. A member that was sent nothing (its
/// overrides failed, or adoption was refused) is not waited for: the `MembersSynced` condition
/// says why it holds no copy.
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
    ///   - placementError: `Placed` condition: `nil` means placed; otherwise why not.
    ///   - problems: by cluster, the members that do not hold their planned copy; `nil` when the
    ///     members were not written at all (placement failed).
    init(
        members: [Member], hostGeneration: Int64, placementError: String?, problems: [String: MemberProblem]?,
        now: Timestamp, previous: JSONValue?
    ) {
        var sums = Dictionary(uniqueKeysWithValues: Self.summedFields.map { ($0, Int64(0)) })
        var breakdown = JSONObject()
        var unreported: [String] = []
        var notSent: [String] = []
        for member in members.sorted(by: { $0.cluster < $1.cluster }) {
            guard let copy = member.copy, copy.hasReported, let reported = copy.status else {
                if problems?[member.cluster]?.nothingSent == true {
                    notSent.append(member.cluster)
                } else {
                    unreported.append(member.cluster)
                }
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
        var reportedMessage: String
        switch (unreported.isEmpty, notSent.isEmpty) {
        case (true, true): reportedMessage = "every member cluster has reported its status"
        case (true, false): reportedMessage = "every member cluster that was sent a copy has reported its status"
        case (false, _): reportedMessage = "not reported yet: \(unreported.joined(separator: ", "))"
        }
        if !notSent.isEmpty {
            reportedMessage += "; nothing was sent to \(notSent.joined(separator: ", ")) (see MembersSynced)"
        }
        let reported = Self.condition(
            type: "MembersReported", isTrue: unreported.isEmpty,
            reason: unreported.isEmpty ? "AllMembersReported" : "MembersNotReported",
            message: reportedMessage, now: now, previous: previous)
        let placed = Self.condition(
            type: "Placed", isTrue: placementError == nil,
            reason: placementError == nil ? "Placed" : "PlacementFailed",
            message: placementError ?? "placed on \(members.count) member cluster(s)", now: now, previous: previous)
        let synced = Self.syncedCondition(problems: problems, now: now, previous: previous)
        status["conditions"] = [placed, synced, reported]
        self.status = .object(status)
        self.breakdown = .object(breakdown)
    }

    /// `MembersSynced`: `False` while some member does not hold its planned copy, naming each such
    /// cluster and why; the reason is the most pressing problem's. `nil` problems: the members
    /// were not written because the workload could not be placed.
    static func syncedCondition(problems: [String: MemberProblem]?, now: Timestamp, previous: JSONValue?) -> JSONValue {
        guard let problems else {
            return condition(
                type: "MembersSynced", isTrue: false, reason: "PlacementFailed",
                message: "member clusters are left as they are until the workload can be placed", now: now,
                previous: previous)
        }
        guard let kind = MemberProblem.Kind.allCases.first(where: { kind in problems.values.contains { $0.kind == kind } })
        else {
            return condition(
                type: "MembersSynced", isTrue: true, reason: "MembersSynced",
                message: "every selected member cluster has been sent its copy", now: now, previous: previous)
        }
        let message = problems.keys.sorted().compactMap { problems[$0]?.message }.joined(separator: "; ")
        return condition(
            type: "MembersSynced", isTrue: false, reason: kind.rawValue, message: message, now: now, previous: previous)
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
