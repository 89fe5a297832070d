/// The labels a workload carries on the host to name the KubeAdmiral policies it uses
/// (kubeadmiral-api.md §2). Keys are part of the API: written here once.
public enum KubeAdmiralLabels {
    /// Names an `OverridePolicy` in the workload's own namespace; ignored on cluster-scoped objects.
    public static let overridePolicyName = "kubeadmiral.io/override-policy-name"
    /// Names a `ClusterOverridePolicy`; its rules run before the `OverridePolicy`'s.
    public static let clusterOverridePolicyName = "kubeadmiral.io/cluster-override-policy-name"
}
