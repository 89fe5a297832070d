/// A minimal taint/toleration matcher, enough to decide the NoSchedule cap of the replicas plugins
/// (kubeadmiral-planner.md §0 table, `MaxReplicas` row; §7.6).
///
/// The plugins themselves take `hasUntoleratedNoScheduleTaint` per cluster, computed by the caller, so the
/// division engine does not depend on these types. Semantics follow Kubernetes' `ToleratesTaint`.
struct TaintSpec: Sendable, Hashable {
    var key: String
    var value: String
    var effect: String
}

/// A pod toleration. `operator` is `Equal` when empty; an empty `effect` matches every effect, and an
/// empty `key` matches every key.
struct TolerationSpec: Sendable, Hashable {
    var key: String
    var `operator`: String
    var value: String
    var effect: String

    init(key: String = "", operator: String = "", value: String = "", effect: String = "") {
        self.key = key
        self.operator = `operator`
        self.value = value
        self.effect = effect
    }

    /// Kubernetes' `Toleration.ToleratesTaint`.
    func tolerates(_ taint: TaintSpec) -> Bool {
        if !effect.isEmpty && effect != taint.effect { return false }
        if !key.isEmpty && key != taint.key { return false }
        switch `operator` {
        case "", "Equal": return value == taint.value
        case "Exists": return true
        default: return false
        }
    }
}

enum TaintMatching {
    static let noSchedule = "NoSchedule"

    /// Whether some taint with `effect` is tolerated by none of `tolerations`.
    static func hasUntoleratedTaint(_ taints: [TaintSpec], tolerations: [TolerationSpec], effect: String) -> Bool {
        taints.contains { taint in
            taint.effect == effect && !tolerations.contains { $0.tolerates(taint) }
        }
    }
}
