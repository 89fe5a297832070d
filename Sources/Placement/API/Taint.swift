/// A taint on a member cluster (`FederatedCluster.spec.taints`), with Kubernetes' node-taint shape.
public struct Taint: Sendable, Hashable, CustomStringConvertible {
    public enum Effect: String, Sendable, Hashable, CaseIterable {
        case noSchedule = "NoSchedule"
        case preferNoSchedule = "PreferNoSchedule"
        case noExecute = "NoExecute"
    }

    public var key: String
    public var value: String
    public var effect: Effect

    public init(key: String, value: String = "", effect: Effect) {
        self.key = key
        self.value = value
        self.effect = effect
    }

    /// `key=value:Effect`, or `key:Effect` without a value, as `kubectl taint` spells it.
    public var description: String {
        value.isEmpty ? "\(key):\(effect.rawValue)" : "\(key)=\(value):\(effect.rawValue)"
    }

    static func decode(_ reader: FieldReader) throws(PolicyError) -> Taint {
        _ = try reader.requireObject()
        let key = try reader.field("key").requiredString()
        let value = try reader.field("value").string() ?? ""
        let effectName = try reader.field("effect").requiredString()
        guard let effect = Effect(rawValue: effectName) else {
            throw reader.field("effect").error(
                "unsupported taint effect \"\(effectName)\": must be NoSchedule, PreferNoSchedule or NoExecute")
        }
        return Taint(key: key, value: value, effect: effect)
    }
}

/// A toleration in a PropagationPolicy (`spec.tolerations`), matching taints as Kubernetes does.
public struct Toleration: Sendable, Hashable {
    public enum Operator: String, Sendable, Hashable {
        case equal = "Equal"
        case exists = "Exists"
    }

    /// Empty with `exists` tolerates every key.
    public var key: String
    public var `operator`: Operator
    public var value: String
    /// `nil` tolerates every effect.
    public var effect: Taint.Effect?

    public init(key: String = "", operator: Operator = .equal, value: String = "", effect: Taint.Effect? = nil) {
        self.key = key
        self.operator = `operator`
        self.value = value
        self.effect = effect
    }

    /// Kubernetes' `Toleration.ToleratesTaint`: effects match (or the toleration names none),
    /// keys match (or the toleration is a key-less `Exists`), and for `Equal` the values match.
    public func tolerates(_ taint: Taint) -> Bool {
        if let effect, effect != taint.effect { return false }
        if !key.isEmpty, key != taint.key { return false }
        switch self.operator {
        case .exists: return true
        case .equal: return value == taint.value
        }
    }

    static func decode(_ reader: FieldReader) throws(PolicyError) -> Toleration {
        _ = try reader.requireObject()
        let key = try reader.field("key").string() ?? ""
        let operatorName = try reader.field("operator").string() ?? "Equal"
        guard let op = Operator(rawValue: operatorName) else {
            throw reader.field("operator").error("unsupported operator \"\(operatorName)\": must be Equal or Exists")
        }
        let value = try reader.field("value").string() ?? ""
        if op == .exists, !value.isEmpty {
            throw reader.field("value").error("must be empty when operator is Exists")
        }
        if key.isEmpty, op != .exists {
            throw reader.field("operator").error("must be Exists when key is empty")
        }
        var effect: Taint.Effect?
        if let effectName = try reader.field("effect").string(), !effectName.isEmpty {
            guard let parsed = Taint.Effect(rawValue: effectName) else {
                throw reader.field("effect").error(
                    "unsupported effect \"\(effectName)\": must be NoSchedule, PreferNoSchedule or NoExecute")
            }
            effect = parsed
        }
        return Toleration(key: key, operator: op, value: value, effect: effect)
    }
}

extension Array where Element == Toleration {
    /// The first taint among `taints` with one of `effects` that no toleration here tolerates.
    public func firstUntolerated(_ taints: [Taint], effects: Set<Taint.Effect>) -> Taint? {
        taints.first { taint in effects.contains(taint.effect) && !contains { $0.tolerates(taint) } }
    }
}
