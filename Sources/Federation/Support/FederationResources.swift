import KubeClient

/// The collections the federation controllers read and write.
extension KubeClient.APIResource {
    public static let replicaSets = APIResource(group: "apps", version: "v1", name: "replicasets", namespaced: true)
    public static let propagationPolicies = kubeAdmiral("propagationpolicies", namespaced: true)
    public static let clusterPropagationPolicies = kubeAdmiral("clusterpropagationpolicies", namespaced: false)
    public static let overridePolicies = kubeAdmiral("overridepolicies", namespaced: true)
    public static let clusterOverridePolicies = kubeAdmiral("clusteroverridepolicies", namespaced: false)
    public static let federatedClusters = kubeAdmiral("federatedclusters", namespaced: false)

    /// The collection a federation object of this `kind` goes to: the workload and KubeAdmiral's
    /// kinds, which is what users apply to a federation host; `nil` for any other kind.
    public static func federationObject(kind: String) -> KubeClient.APIResource? {
        switch kind {
        case "Deployment": return .deployments
        case "PropagationPolicy": return .propagationPolicies
        case "ClusterPropagationPolicy": return .clusterPropagationPolicies
        case "OverridePolicy": return .overridePolicies
        case "ClusterOverridePolicy": return .clusterOverridePolicies
        case "FederatedCluster": return .federatedClusters
        default: return nil
        }
    }

    static func kubeAdmiral(_ name: String, namespaced: Bool) -> KubeClient.APIResource {
        KubeClient.APIResource(group: "core.kubeadmiral.io", version: "v1alpha1", name: name, namespaced: namespaced)
    }
}

extension KubeClient.APIResource {
    public static let customResourceDefinitions = KubeClient.APIResource(
        group: "apiextensions.k8s.io", version: "v1", name: "customresourcedefinitions", namespaced: false)
}
