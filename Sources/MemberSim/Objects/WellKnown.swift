import KubeClient

/// Label and annotation keys the simulator reads or writes, in one place.
enum WellKnown {
    /// Every node the simulator creates names its pool here; the census reads it back.
    static let poolLabel = "sim.flotilla.io/pool"
    /// Virtual-kubelet nodes carry `type: virtual-kubelet`, and dialect A's elastic subsets select on it.
    static let nodeTypeLabel = "type"
    static let virtualKubelet = "virtual-kubelet"
    /// `"true"` on a pod or its namespace steers the pod to serverless instances only.
    static let eciLabel = "alibabacloud.com/eci"

    static let hostnameLabel = "kubernetes.io/hostname"
    static let regionLabel = "topology.kubernetes.io/region"
    static let zoneLabel = "topology.kubernetes.io/zone"

    /// Set by the Deployment controller on its ReplicaSets and their pods: the template's hash.
    static let podTemplateHash = "pod-template-hash"
    static let revision = "deployment.kubernetes.io/revision"
    static let desiredReplicas = "deployment.kubernetes.io/desired-replicas"

    static let gpu = "nvidia.com/gpu"
}

/// What node labels say about a node.
enum NodeLabels {
    static func isVirtualKubelet(_ labels: [String: String]) -> Bool {
        labels[WellKnown.nodeTypeLabel] == WellKnown.virtualKubelet
    }
}

/// The collections the simulator reads and writes.
extension APIResource {
    static let replicaSets = APIResource(group: "apps", version: "v1", name: "replicasets", namespaced: true)
    static let customResourceDefinitions = APIResource(
        group: "apiextensions.k8s.io", version: "v1", name: "customresourcedefinitions", namespaced: false)
}
