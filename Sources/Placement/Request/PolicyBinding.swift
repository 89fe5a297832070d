/// Which policies a workload's labels name (kubeadmiral-api.md §2, first table).
///
/// * The propagation policy: `kubeadmiral.io/propagation-policy-name` names a PropagationPolicy in
///   the workload's namespace and wins over `kubeadmiral.io/cluster-propagation-policy-name`, which
///   names a ClusterPropagationPolicy. With neither label the workload is not placed at all.
/// * The override policies: `kubeadmiral.io/cluster-override-policy-name` then
///   `kubeadmiral.io/override-policy-name`, in the order they are applied (COP first, then OP).
///
/// A label with an empty value is an error here; a label naming a policy that does not exist is
/// an error when the name is looked up (`PolicySet`, `requireOverridePolicies`).
public struct PolicyBinding: Sendable, Hashable {
    /// A `PropagationPolicy` (with namespace) or `ClusterPropagationPolicy` reference; `nil` when the
    /// workload has no propagation-policy label.
    public var propagationPolicy: ObjectReference?
    /// `ClusterOverridePolicy` then `OverridePolicy`, each only when its label is present.
    public var overridePolicies: [ObjectReference]

    public init(propagationPolicy: ObjectReference? = nil, overridePolicies: [ObjectReference] = []) {
        self.propagationPolicy = propagationPolicy
        self.overridePolicies = overridePolicies
    }

    /// Reads the binding labels of `workload`.
    public init(of workload: Workload) throws(PolicyError) {
        func name(_ label: String) throws(PolicyError) -> String? {
            guard let value = workload.labels[label] else { return nil }
            guard !value.isEmpty else {
                throw PolicyBinding.field(label, of: workload).error("must name a policy, got an empty value")
            }
            return value
        }
        let namespace = workload.namespace
        if let pp = try name(PolicyLabel.propagationPolicy) {
            propagationPolicy = ObjectReference(kind: PropagationPolicy.kind, namespace: namespace, name: pp)
        } else if let cpp = try name(PolicyLabel.clusterPropagationPolicy) {
            propagationPolicy = ObjectReference(kind: ClusterPropagationPolicy.kind, name: cpp)
        }
        overridePolicies = []
        if let cop = try name(PolicyLabel.clusterOverridePolicy) {
            overridePolicies.append(ObjectReference(kind: "ClusterOverridePolicy", name: cop))
        }
        if let op = try name(PolicyLabel.overridePolicy) {
            overridePolicies.append(ObjectReference(kind: "OverridePolicy", namespace: namespace, name: op))
        }
    }

    /// Checks that every bound override policy exists, with `exists` answering for one reference.
    /// The error names the workload and the label that names the missing policy.
    public func requireOverridePolicies(
        of workload: Workload, exist exists: (ObjectReference) -> Bool
    ) throws(PolicyError) {
        for reference in overridePolicies where !exists(reference) {
            let label = reference.kind == "OverridePolicy" ? PolicyLabel.overridePolicy : PolicyLabel.clusterOverridePolicy
            throw PolicyBinding.missing(reference, label: label, workload: workload)
        }
    }

    static func missing(_ reference: ObjectReference, label: String, workload: Workload) -> PolicyError {
        field(label, of: workload).error("\(reference) does not exist")
    }

    /// `metadata.labels[<label>]` of `workload`, where binding errors point.
    private static func field(_ label: String, of workload: Workload) -> FieldReader {
        workload.root.field(path: "metadata", "labels").entry(label)
    }
}
