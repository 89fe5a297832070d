import KubeObjects

/// Applies KubeAdmiral override policies to a workload for one member cluster.
///
/// This is the whole of the overrides' semantics in one pure function (kubeadmiral-api.md §4):
/// the ClusterOverridePolicy's rules run first, then the OverridePolicy's; each rule runs only if
/// it targets the cluster; within a rule, the overriders run in KubeAdmiral's fixed order,
/// image → command → args → envs → annotations → labels → jsonpatch, whatever the YAML's order.
/// Every overrider edits the result of the previous ones, so a later rule sees an earlier rule's
/// image or label.
///
/// Guarantees: the input is a value and is never changed; the same inputs give the same output,
/// key order included. The first failure stops the cluster's overrides and is returned, naming
/// policy, rule, overrider and operation. It concerns this cluster only: callers go on with the
/// other clusters.
public enum Overrides {
    public static func apply(
        clusterPolicy: ClusterOverridePolicy?, policy: OverridePolicy?, to object: JSONValue, cluster: ClusterIdentity
    ) throws(OverrideError) -> JSONValue {
        var result = object
        if let clusterPolicy {
            try apply(clusterPolicy.overrideRules, of: clusterPolicy.reference, to: &result, cluster: cluster)
        }
        if let policy {
            try apply(policy.overrideRules, of: policy.reference, to: &result, cluster: cluster)
        }
        return result
    }

    static func apply(
        _ rules: [OverrideRule], of policy: ObjectReference, to object: inout JSONValue, cluster: ClusterIdentity
    ) throws(OverrideError) {
        for (ruleIndex, rule) in rules.enumerated() where rule.targets(cluster) {
            func run<Overrider>(
                _ overriders: [Overrider], as kind: OverrideError.Overrider,
                _ body: (Overrider) throws(OverriderFailure) -> Void
            ) throws(OverrideError) {
                for (index, overrider) in overriders.enumerated() {
                    do {
                        try body(overrider)
                    } catch {
                        throw OverrideError(
                            policy: policy, cluster: cluster.name, rule: ruleIndex, overrider: kind, index: index,
                            operation: error.operation, message: error.message)
                    }
                }
            }
            let overriders = rule.overriders
            try run(overriders.image, as: .image) { (o) throws(OverriderFailure) in try o.apply(to: &object) }
            try run(overriders.command, as: .command) { (o) throws(OverriderFailure) in
                try o.apply(to: &object, target: .command)
            }
            try run(overriders.args, as: .args) { (o) throws(OverriderFailure) in try o.apply(to: &object, target: .args) }
            try run(overriders.envs, as: .envs) { (o) throws(OverriderFailure) in try o.apply(to: &object) }
            try run(overriders.annotations, as: .annotations) { (o) throws(OverriderFailure) in
                try o.apply(to: &object, target: .annotations)
            }
            try run(overriders.labels, as: .labels) { (o) throws(OverriderFailure) in
                try o.apply(to: &object, target: .labels)
            }
            try run(overriders.jsonpatch, as: .jsonpatch) { (o) throws(OverriderFailure) in try o.apply(to: &object) }
        }
    }
}
