/// The policies known to the host, looked up by the names a workload's labels give.
public struct PolicySet: Sendable {
    /// Keyed by `namespace/name`.
    public private(set) var propagationPolicies: [String: PropagationPolicy] = [:]
    /// Keyed by name.
    public private(set) var clusterPropagationPolicies: [String: ClusterPropagationPolicy] = [:]
    /// Keyed by `namespace/name`.
    public private(set) var overridePolicies: [String: OverridePolicy] = [:]
    /// Keyed by name.
    public private(set) var clusterOverridePolicies: [String: ClusterOverridePolicy] = [:]

    public init(
        propagationPolicies: [PropagationPolicy] = [], clusterPropagationPolicies: [ClusterPropagationPolicy] = [],
        overridePolicies: [OverridePolicy] = [], clusterOverridePolicies: [ClusterOverridePolicy] = []
    ) {
        for policy in propagationPolicies { self.propagationPolicies[policy.reference.key] = policy }
        for policy in clusterPropagationPolicies { self.clusterPropagationPolicies[policy.reference.key] = policy }
        for policy in overridePolicies { self.overridePolicies[policy.reference.key] = policy }
        for policy in clusterOverridePolicies { self.clusterOverridePolicies[policy.reference.key] = policy }
    }

    /// The override policies `binding` names, ClusterOverridePolicy first (its rules run first), and
    /// an error naming the workload and the label when a named policy does not exist: sending
    /// members an object without the edits its owner asked for is worse than sending nothing.
    public func overridePolicies(
        for binding: PolicyBinding, of workload: Workload
    ) throws(PolicyError) -> (clusterPolicy: ClusterOverridePolicy?, policy: OverridePolicy?) {
        var result: (clusterPolicy: ClusterOverridePolicy?, policy: OverridePolicy?) = (nil, nil)
        for reference in binding.overridePolicies {
            if reference.kind == OverridePolicy.kind {
                guard let policy = overridePolicies[reference.key] else {
                    throw PolicyBinding.missing(reference, label: PolicyLabel.overridePolicy, workload: workload)
                }
                result.policy = policy
            } else {
                guard let policy = clusterOverridePolicies[reference.key] else {
                    throw PolicyBinding.missing(reference, label: PolicyLabel.clusterOverridePolicy, workload: workload)
                }
                result.clusterPolicy = policy
            }
        }
        return result
    }

    /// The policy `binding` names, `nil` when it names none, and an error naming the workload and
    /// the label when the named policy does not exist (KubeAdmiral then leaves the object unscheduled).
    public func propagationPolicy(
        for binding: PolicyBinding, of workload: Workload
    ) throws(PolicyError) -> (any PropagationPolicyObject)? {
        guard let reference = binding.propagationPolicy else { return nil }
        if reference.kind == PropagationPolicy.kind {
            guard let policy = propagationPolicies[reference.key] else {
                throw PolicyBinding.missing(reference, label: PolicyLabel.propagationPolicy, workload: workload)
            }
            return policy
        }
        guard let policy = clusterPropagationPolicies[reference.key] else {
            throw PolicyBinding.missing(reference, label: PolicyLabel.clusterPropagationPolicy, workload: workload)
        }
        return policy
    }
}
