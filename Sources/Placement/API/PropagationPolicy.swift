import KubeObjects

/// What `PropagationPolicy` and `ClusterPropagationPolicy` have in common: a name and the shared
/// spec (kubeadmiral-api.md §3). Code that places a workload takes either through this protocol.
public protocol PropagationPolicyObject: Sendable {
    var reference: ObjectReference { get }
    var metadata: ObjectMeta { get }
    var spec: PropagationPolicySpec { get }
    /// The object as written, so that fields Flotilla does not read (status, `clusterRecovered`
    /// and the like) survive.
    var raw: JSONValue { get }
}

/// A namespaced policy, usable only by objects in its own namespace (kubeadmiral-api.md §3).
public struct PropagationPolicy: PropagationPolicyObject, Equatable {
    public static let kind = "PropagationPolicy"

    public var reference: ObjectReference
    public var metadata: ObjectMeta
    public var spec: PropagationPolicySpec
    public var raw: JSONValue

    /// Decodes a `core.kubeadmiral.io/v1alpha1` PropagationPolicy, applying the CRD defaults.
    /// `metadata.namespace` is required.
    public static func decode(_ raw: JSONValue) throws(PolicyError) -> PropagationPolicy {
        let header = try ObjectHeader(raw, apiVersion: KubeAdmiralAPI.apiVersion, kind: kind, namespaced: true)
        let spec = try PropagationPolicySpec.decode(header.root.field("spec"))
        return PropagationPolicy(reference: header.reference, metadata: header.metadata, spec: spec, raw: raw)
    }
}

/// A cluster-scoped policy, usable by objects in any namespace (kubeadmiral-api.md §3).
public struct ClusterPropagationPolicy: PropagationPolicyObject, Equatable {
    public static let kind = "ClusterPropagationPolicy"

    public var reference: ObjectReference
    public var metadata: ObjectMeta
    public var spec: PropagationPolicySpec
    public var raw: JSONValue

    /// Decodes a `core.kubeadmiral.io/v1alpha1` ClusterPropagationPolicy, applying the CRD
    /// defaults. A `metadata.namespace`, if written, is ignored, as the API server ignores it.
    public static func decode(_ raw: JSONValue) throws(PolicyError) -> ClusterPropagationPolicy {
        let header = try ObjectHeader(raw, apiVersion: KubeAdmiralAPI.apiVersion, kind: kind, namespaced: false)
        let spec = try PropagationPolicySpec.decode(header.root.field("spec"))
        return ClusterPropagationPolicy(reference: header.reference, metadata: header.metadata, spec: spec, raw: raw)
    }
}
