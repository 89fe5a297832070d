/// The propagation policies known to the host, looked up by the name a workload's label gives.
public struct PolicySet: Sendable {
    /// Keyed by `namespace/name`.
    public private(set) var propagationPolicies: [String: PropagationPolicy] = [:]
    /// Keyed by name.
    public private(set) var clusterPropagationPolicies: [String: ClusterPropagationPolicy] = [:]

    public init(propagationPolicies: [PropagationPolicy] = [], clusterPropagationPolicies: [ClusterPropagationPolicy] = []) {
        for policy in propagationPolicies { self.propagationPolicies[policy.reference.key] = policy }
        for policy in clusterPropagationPolicies { self.clusterPropagationPolicies[policy.reference.key] = policy }
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
