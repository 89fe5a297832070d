/// How much of one resource a cluster would have in use with one more pod of the workload: the
/// inputs of the two resource scores (KubeAdmiral's `calculateResourceAllocatableRequest`).
///
/// `requested` is what pods already request there (allocatable − available, never below 0) plus
/// one pod's request. A resource missing from `available` counts as fully used, as in KubeAdmiral.
struct ClusterResourceUsage: Sendable, Equatable {
    var allocatable: Int64
    var requested: Int64

    static func cpu(of cluster: FederatedCluster, adding request: ResourceRequest) -> ClusterResourceUsage {
        let resources = cluster.status.resources
        return usage(
            allocatable: resources.allocatable.milliValue(of: ResourceName.cpu) ?? 0,
            available: resources.available.milliValue(of: ResourceName.cpu) ?? 0, adding: request.milliCPU)
    }

    static func memory(of cluster: FederatedCluster, adding request: ResourceRequest) -> ClusterResourceUsage {
        let resources = cluster.status.resources
        return usage(
            allocatable: resources.allocatable.value(of: ResourceName.memory) ?? 0,
            available: resources.available.value(of: ResourceName.memory) ?? 0, adding: request.memory)
    }

    private static func usage(allocatable: Int64, available: Int64, adding request: Int64) -> ClusterResourceUsage {
        let inUse = max(allocatable &- available, 0)
        return ClusterResourceUsage(allocatable: allocatable, requested: inUse &+ request)
    }

    /// kube-scheduler's least-requested score: the free share, 0…100, rounded down; 0 when the
    /// resource is absent or overcommitted.
    var freeScore: Int64 {
        guard allocatable > 0, requested <= allocatable else { return 0 }
        let free = (allocatable - max(requested, 0)).multipliedFullWidth(by: maxClusterScore)
        return allocatable.dividingFullWidth(free).quotient
    }

    /// The used share, as a fraction; 1 when the resource is absent.
    var usedFraction: Double {
        allocatable == 0 ? 1 : Double(requested) / Double(allocatable)
    }
}
