/// Cluster affinity as the scheduler sees it: required terms that filter and preferred terms that
/// score. A policy only has required terms (`spec.clusterAffinity`); the `kubeadmiral.io/affinity`
/// annotation can carry both (kubeadmiral-api.md §2), in node-affinity shape:
/// `{"clusterAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{"clusterSelectorTerms":[…]},
/// "preferredDuringSchedulingIgnoredDuringExecution":[{"weight":N,"preference":{…}}]}}`.
public struct ClusterAffinity: Sendable, Hashable {
    /// `nil` filters nothing. A present list is ORed, and an empty present list matches no cluster,
    /// as in KubeAdmiral's ClusterAffinity filter (a policy's empty `clusterAffinity` is `nil`).
    public var required: [ClusterSelectorTerm]?
    public var preferred: [PreferredClusterSelectorTerm]

    public init(required: [ClusterSelectorTerm]? = nil, preferred: [PreferredClusterSelectorTerm] = []) {
        self.required = required
        self.preferred = preferred
    }

    /// Whether the required terms let `cluster` through.
    public func requiredTermsMatch(clusterName: String, labels: [String: String]) -> Bool {
        guard let required else { return true }
        return required.contains { $0.matches(clusterName: clusterName, labels: labels) }
    }

    static func decodeAnnotation(_ reader: FieldReader) throws(PolicyError) -> ClusterAffinity {
        _ = try reader.requireObject()
        let affinity = reader.field("clusterAffinity")
        _ = try affinity.requireObject()
        let required = affinity.field("requiredDuringSchedulingIgnoredDuringExecution")
        var result = ClusterAffinity()
        if try required.requireObject() != nil {
            result.required = try ClusterSelectorTerm.decodeList(required.field("clusterSelectorTerms"))
        }
        result.preferred = try affinity.field("preferredDuringSchedulingIgnoredDuringExecution").map {
            (element) throws(PolicyError) in try PreferredClusterSelectorTerm.decode(element)
        } ?? []
        return result
    }
}

/// A weighted preference: clusters matching `preference` score `weight` more.
public struct PreferredClusterSelectorTerm: Sendable, Hashable {
    public var weight: Int64
    public var preference: ClusterSelectorTerm

    public init(weight: Int64, preference: ClusterSelectorTerm) {
        self.weight = weight
        self.preference = preference
    }

    /// KubeAdmiral scores a preference on its label expressions only: `matchFields` are ignored,
    /// and a preference without expressions matches nothing.
    public func matches(labels: [String: String]) -> Bool {
        !preference.matchExpressions.isEmpty && preference.matchExpressions.allSatisfy { $0.matches(labels: labels) }
    }

    static func decode(_ reader: FieldReader) throws(PolicyError) -> PreferredClusterSelectorTerm {
        _ = try reader.requireObject()
        guard let weight = try reader.field("weight").nonNegativeInt() else {
            throw reader.field("weight").error("required field is missing")
        }
        return PreferredClusterSelectorTerm(weight: weight, preference: try ClusterSelectorTerm.decode(reader.field("preference")))
    }
}
