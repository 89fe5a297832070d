import KubeObjects

/// The result of planning every workload in a set of objects.
public struct PlanResult: Sendable, Equatable {
    public var workloads: [WorkloadPlan]
    /// Objects that were read but not used (unsupported kinds), one line each.
    public var warnings: [String]

    public init(workloads: [WorkloadPlan], warnings: [String]) {
        self.workloads = workloads
        self.warnings = warnings
    }

    public var hasErrors: Bool { workloads.contains { !$0.errors.isEmpty || $0.clusters.contains { $0.error != nil } } }

    /// The `-o json` document: `{"workloads":[…]}`.
    public var json: JSONValue {
        var object = JSONObject()
        object["workloads"] = .array(workloads.map(\.json))
        return .object(object)
    }
}

/// STUB until the engine pieces land.
public enum PlacementEngine {
    public static func plan(objects: [JSONValue], now: Timestamp) -> PlanResult {
        PlanResult(workloads: [], warnings: [])
    }
}
