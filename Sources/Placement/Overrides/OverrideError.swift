/// An override that could not be applied to a workload for one member cluster: which policy,
/// which rule, which overrider and operation, for which cluster, and why.
///
/// It concerns that cluster only. The policy itself decoded fine; what failed is its meeting with
/// this object, such as an `addIfAbsent` on a label the object already has, or a JSON patch whose
/// path is missing. Callers record it against the cluster and go on with the others, as
/// KubeAdmiral leaves such a cluster without its object.
public struct OverrideError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kinds of overrider, in the order they run within a rule.
    public enum Overrider: String, Sendable, Hashable, CaseIterable {
        case image, command, args, envs, annotations, labels, jsonpatch
    }

    public var policy: ObjectReference
    public var cluster: String
    /// Index in `spec.overrideRules`.
    public var rule: Int
    public var overrider: Overrider
    /// Index in the overrider's list, such as `image[1]`.
    public var index: Int
    /// Index in `operations` of an image overrider, when one operation failed.
    public var operation: Int?
    public var message: String

    public init(
        policy: ObjectReference, cluster: String, rule: Int, overrider: Overrider, index: Int,
        operation: Int? = nil, message: String
    ) {
        self.policy = policy
        self.cluster = cluster
        self.rule = rule
        self.overrider = overrider
        self.index = index
        self.operation = operation
        self.message = message
    }

    /// The failing field, as in the policy's YAML: `spec.overrideRules[0].overriders.image[1].operations[0]`.
    public var field: String {
        let base = "spec.overrideRules[\(rule)].overriders.\(overrider.rawValue)[\(index)]"
        return operation.map { "\(base).operations[\($0)]" } ?? base
    }

    public var description: String { "\(policy): \(field): cluster \(cluster): \(message)" }
}

/// Why one overrider failed, before the caller adds which policy, rule and cluster it was.
struct OverriderFailure: Error, Sendable, Equatable, CustomStringConvertible {
    var message: String
    /// The failing entry of an image overrider's `operations`.
    var operation: Int?

    init(_ message: String, operation: Int? = nil) {
        self.message = message
        self.operation = operation
    }

    var description: String { message }
}
