/// The API group, labels and annotations Flotilla reads, in one place.
///
/// The names are KubeAdmiral's wire format (kubeadmiral-api.md §2), so that objects written for
/// KubeAdmiral bind and schedule unchanged; `flotilla.io/placement` is Flotilla's own record of
/// where a workload runs (KubeAdmiral keeps that on the FederatedObject, which Flotilla does not have).
public enum KubeAdmiralAPI {
    /// `core.kubeadmiral.io/v1alpha1`: the only served and stored version (kubeadmiral-api.md, preamble).
    public static let apiVersion = "core.kubeadmiral.io/v1alpha1"
}

/// Labels that bind a source object to its policies (kubeadmiral-api.md §2, first table).
public enum PolicyLabel {
    public static let propagationPolicy = "kubeadmiral.io/propagation-policy-name"
    public static let clusterPropagationPolicy = "kubeadmiral.io/cluster-propagation-policy-name"
    public static let overridePolicy = "kubeadmiral.io/override-policy-name"
    public static let clusterOverridePolicy = "kubeadmiral.io/cluster-override-policy-name"

    /// The four, in the order above.
    public static let all = [propagationPolicy, clusterPropagationPolicy, overridePolicy, clusterOverridePolicy]
}

/// Annotations on the source object that override policy fields or carry scheduling state
/// (kubeadmiral-api.md §2, second and third tables).
public enum SchedulingAnnotation {
    public static let schedulingMode = "kubeadmiral.io/scheduling-mode"
    public static let stickyCluster = "kubeadmiral.io/sticky-cluster"
    public static let clusterSelector = "kubeadmiral.io/clusterSelector"
    public static let affinity = "kubeadmiral.io/affinity"
    public static let tolerations = "kubeadmiral.io/tolerations"
    public static let placements = "kubeadmiral.io/placements"
    public static let maxClusters = "kubeadmiral.io/maxClusters"
    public static let noScheduling = "kubeadmiral.io/no-scheduling"
    public static let migrationConfiguration = "kubeadmiral.io/migration-configuration"
    /// Written by the auto-migration controller: `{"estimatedCapacity":{…},"scheduledReplicas":{…}}`.
    public static let autoMigrationInfo = "kubeadmiral.io/auto-migration-info"
    /// Flotilla's record of the current placement, `{"<cluster>": <replicas or null>}`.
    public static let placement = "flotilla.io/placement"
}

/// Well-known resource names.
public enum ResourceName {
    public static let cpu = "cpu"
    public static let memory = "memory"
    public static let gpu = "nvidia.com/gpu"
}
