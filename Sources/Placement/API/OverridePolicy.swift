import KubeObjects

/// KubeAdmiral's namespaced `OverridePolicy`: per-cluster edits to the objects that name it in
/// the label `kubeadmiral.io/override-policy-name` (kubeadmiral-api.md §2 and §4).
///
/// It can only be used by objects in its own namespace; see `PolicySet.overridePolicies(for:of:)`.
public struct OverridePolicy: Sendable, Hashable {
    public static let kind = "OverridePolicy"

    public var namespace: String
    public var name: String
    /// `spec.overrideRules`, applied in order.
    public var overrideRules: [OverrideRule]

    public init(namespace: String, name: String, overrideRules: [OverrideRule]) {
        self.namespace = namespace
        self.name = name
        self.overrideRules = overrideRules
    }

    public var reference: ObjectReference { ObjectReference(kind: Self.kind, namespace: namespace, name: name) }

    /// Reads an `OverridePolicy` as the API server would store it: CRD defaults applied, enums and
    /// required fields checked, every error naming the policy and the field.
    public static func decode(_ raw: JSONValue) throws(PolicyError) -> OverridePolicy {
        let root = try ObjectHeader(raw, apiVersion: KubeAdmiralAPI.apiVersion, kind: kind, namespaced: true).root
        return OverridePolicy(
            namespace: root.object.namespace ?? "", name: root.object.name,
            overrideRules: try OverrideRule.decodeSpec(root.field("spec")))
    }
}

/// KubeAdmiral's cluster-scoped `ClusterOverridePolicy`, named by the label
/// `kubeadmiral.io/cluster-override-policy-name` from objects in any namespace, and from
/// cluster-scoped objects. Where an object names both kinds, this one's rules run first.
public struct ClusterOverridePolicy: Sendable, Hashable {
    public static let kind = "ClusterOverridePolicy"

    public var name: String
    /// `spec.overrideRules`, applied in order.
    public var overrideRules: [OverrideRule]

    public init(name: String, overrideRules: [OverrideRule]) {
        self.name = name
        self.overrideRules = overrideRules
    }

    public var reference: ObjectReference { ObjectReference(kind: Self.kind, name: name) }

    /// Reads a `ClusterOverridePolicy`; see `OverridePolicy.decode`. A namespace, if written, is
    /// ignored, as the API server clears it for cluster-scoped kinds.
    public static func decode(_ raw: JSONValue) throws(PolicyError) -> ClusterOverridePolicy {
        let root = try ObjectHeader(raw, apiVersion: KubeAdmiralAPI.apiVersion, kind: kind, namespaced: false).root
        return ClusterOverridePolicy(
            name: root.object.name, overrideRules: try OverrideRule.decodeSpec(root.field("spec")))
    }
}

/// One entry of `spec.overrideRules`: which clusters, and what to change in them.
public struct OverrideRule: Sendable, Hashable {
    /// `nil` targets every cluster; otherwise a cluster must satisfy all of its criteria.
    public var targetClusters: TargetClusters?
    /// An absent `overriders` is a rule that changes nothing; it reads as empty lists.
    public var overriders: Overriders

    public init(targetClusters: TargetClusters? = nil, overriders: Overriders = Overriders()) {
        self.targetClusters = targetClusters
        self.overriders = overriders
    }

    /// Whether this rule applies to `cluster` (KubeAdmiral's `isClusterMatched`).
    public func targets(_ cluster: ClusterIdentity) -> Bool {
        targetClusters?.matches(cluster) ?? true
    }

    /// `spec` is required by the CRD; `spec.overrideRules` is optional and reads as empty.
    static func decodeSpec(_ spec: FieldReader) throws(PolicyError) -> [OverrideRule] {
        guard try spec.requireObject() != nil else { throw spec.error("required field is missing") }
        return try spec.field("overrideRules").map(decode) ?? []
    }

    static func decode(_ reader: FieldReader) throws(PolicyError) -> OverrideRule {
        _ = try reader.requireObject()  // a `null` rule, like an empty one, targets all and changes nothing
        let targets = reader.field("targetClusters")
        return OverrideRule(
            targetClusters: targets.isPresent ? try TargetClusters.decode(targets) : nil,
            overriders: try Overriders.decode(reader.field("overriders")))
    }
}

/// `targetClusters`: cluster names, a label selector and an affinity, all of which must match.
/// Each criterion left empty matches every cluster.
public struct TargetClusters: Sendable, Hashable {
    /// Names, ORed; empty matches any cluster.
    public var clusters: [String]
    /// Label equality, every pair required; empty matches any cluster.
    public var clusterSelector: [String: String]
    /// Terms, ORed, with the PropagationPolicy semantics; empty matches any cluster.
    public var clusterAffinity: [ClusterSelectorTerm]

    public init(clusters: [String] = [], clusterSelector: [String: String] = [:], clusterAffinity: [ClusterSelectorTerm] = []) {
        self.clusters = clusters
        self.clusterSelector = clusterSelector
        self.clusterAffinity = clusterAffinity
    }

    public func matches(_ cluster: ClusterIdentity) -> Bool {
        (clusters.isEmpty || clusters.contains(cluster.name))
            && clusterSelector.selects(labels: cluster.labels)
            && clusterAffinity.matches(clusterName: cluster.name, labels: cluster.labels)
    }

    /// KubeAdmiral reads `clusterSelector` with `LabelSelectorAsSelector`, which rejects keys and
    /// values that are not valid label syntax; this checks the same when decoding, so the error
    /// names the field instead of surfacing later for every cluster.
    static func decode(_ reader: FieldReader) throws(PolicyError) -> TargetClusters {
        _ = try reader.requireObject()
        let selectorField = reader.field("clusterSelector")
        let selector = try selectorField.stringMap() ?? [:]
        for (key, value) in selector.sorted(by: { $0.key < $1.key }) {
            if let problem = LabelSyntax.problem(withKey: key) {
                throw selectorField.error("invalid label key \"\(key)\": \(problem)")
            }
            if let problem = LabelSyntax.problem(withValue: value) {
                throw selectorField.field(key).error("invalid label value \"\(value)\": \(problem)")
            }
        }
        return TargetClusters(
            clusters: try reader.field("clusters").strings() ?? [],
            clusterSelector: selector,
            clusterAffinity: try ClusterSelectorTerm.decodeList(reader.field("clusterAffinity")))
    }
}
