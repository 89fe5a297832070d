extension Overrides {
    /// The override policies a workload names in its labels, found with the given lookups.
    ///
    /// As in KubeAdmiral (`lookForMatchedPolicies`): the ClusterOverridePolicy label is read
    /// first; the OverridePolicy label only on a namespaced workload, in that namespace. A label
    /// that is present but empty, or that names a policy that does not exist, is an error for the
    /// whole workload, not a reason to skip its overrides: sending members an object without the
    /// edits its owner asked for is worse than sending nothing. No label at all means no policy.
    ///
    /// - Parameters:
    ///   - workload: the workload; a namespace makes it namespaced.
    ///   - labels: the workload's `metadata.labels`.
    ///   - clusterPolicy: finds a ClusterOverridePolicy by name.
    ///   - policy: finds an OverridePolicy by namespace and name.
    public static func boundPolicies(
        for workload: ObjectReference, labels: [String: String],
        clusterPolicy: (_ name: String) -> ClusterOverridePolicy?,
        policy: (_ namespace: String, _ name: String) -> OverridePolicy?
    ) throws(PolicyError) -> (clusterPolicy: ClusterOverridePolicy?, policy: OverridePolicy?) {
        func name(_ label: String) throws(PolicyError) -> String? {
            guard let value = labels[label] else { return nil }
            guard !value.isEmpty else {
                throw PolicyError(object: workload, field: "metadata.labels[\(label)]", message: "must not be empty")
            }
            return value
        }
        var boundClusterPolicy: ClusterOverridePolicy?
        if let clusterPolicyName = try name(KubeAdmiralLabels.clusterOverridePolicyName) {
            guard let found = clusterPolicy(clusterPolicyName) else {
                throw PolicyError(
                    object: workload, field: "metadata.labels[\(KubeAdmiralLabels.clusterOverridePolicyName)]",
                    message: "ClusterOverridePolicy \(clusterPolicyName) does not exist")
            }
            boundClusterPolicy = found
        }
        var boundPolicy: OverridePolicy?
        if let namespace = workload.namespace, !namespace.isEmpty,
            let policyName = try name(KubeAdmiralLabels.overridePolicyName)
        {
            guard let found = policy(namespace, policyName) else {
                throw PolicyError(
                    object: workload, field: "metadata.labels[\(KubeAdmiralLabels.overridePolicyName)]",
                    message: "OverridePolicy \(namespace)/\(policyName) does not exist")
            }
            boundPolicy = found
        }
        return (boundClusterPolicy, boundPolicy)
    }
}
