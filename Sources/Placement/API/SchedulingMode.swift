/// How a workload is spread over the selected clusters (kubeadmiral-api.md §3.1, `schedulingMode`).
public enum SchedulingMode: String, Sendable, Hashable, CaseIterable {
    /// Every selected cluster gets the whole object; replicas are not touched.
    case duplicate = "Duplicate"
    /// `spec.replicas` is divided between the selected clusters.
    case divide = "Divide"
}

/// How `Divide` distributes replicas (kubeadmiral-api.md §3.1, `replicasStrategy`; the CRD default
/// is `Spread`).
public enum ReplicasStrategy: String, Sendable, Hashable, CaseIterable {
    /// Weighted division (KubeAdmiral's `ClusterCapacityWeight` plugin).
    case spread = "Spread"
    /// Fill clusters in priority order (KubeAdmiral's `PreferenceBinPack` plugin).
    case binpack = "Binpack"
}

extension FieldReader {
    /// A string field that must name one case of `T`; absent reads as `nil`.
    func enumeration<T: RawRepresentable & CaseIterable>(_ type: T.Type) throws(PolicyError) -> T?
    where T.RawValue == String {
        guard let name = try oneOf(T.allCases.map(\.rawValue)) else { return nil }
        return T(rawValue: name)
    }
}
