/// What one pod of a workload asks for, in the units the scheduler compares: milli-CPU, bytes of
/// memory and whole GPUs.
///
/// It is summed as Kubernetes' `GetPodResourceRequests` does (kubeadmiral-api.md §5.2,
/// `resources.available`): the containers' requests are added up, each init container's request
/// raises the total to at least its own (init containers run one at a time, before the others),
/// and `spec.overhead` is added. A container's limit stands in for a request it does not give,
/// as the API server's defaulting does when it creates the pod.
/// Restartable (sidecar) init containers are counted like other init containers.
public struct ResourceRequest: Sendable, Hashable {
    public var milliCPU: Int64
    public var memory: Int64
    public var gpu: Int64

    public init(milliCPU: Int64 = 0, memory: Int64 = 0, gpu: Int64 = 0) {
        self.milliCPU = milliCPU
        self.memory = memory
        self.gpu = gpu
    }

    /// Reads a pod template (`spec.template`): the request of one pod, and whether any container or
    /// init container requests or limits `nvidia.com/gpu` above zero.
    static func decode(podTemplate: FieldReader) throws(PolicyError) -> (request: ResourceRequest, requestsGPU: Bool) {
        let podSpec = podTemplate.field("spec")
        _ = try podSpec.requireObject()
        var total = ResourceRequest()
        var requestsGPU = false
        for container in try podSpec.field("containers").array() ?? [] {
            let (request, gpu) = try containerRequest(container)
            total = ResourceRequest(
                milliCPU: total.milliCPU &+ request.milliCPU, memory: total.memory &+ request.memory,
                gpu: total.gpu &+ request.gpu)
            requestsGPU = requestsGPU || gpu
        }
        for container in try podSpec.field("initContainers").array() ?? [] {
            let (request, gpu) = try containerRequest(container)
            total = ResourceRequest(
                milliCPU: max(total.milliCPU, request.milliCPU), memory: max(total.memory, request.memory),
                gpu: max(total.gpu, request.gpu))
            requestsGPU = requestsGPU || gpu
        }
        let overhead = try ResourceList.decode(podSpec.field("overhead"))
        total.milliCPU &+= overhead.milliValue(of: ResourceName.cpu) ?? 0
        total.memory &+= overhead.value(of: ResourceName.memory) ?? 0
        total.gpu &+= overhead.value(of: ResourceName.gpu) ?? 0
        return (total, requestsGPU)
    }

    private static func containerRequest(_ container: FieldReader) throws(PolicyError) -> (ResourceRequest, Bool) {
        _ = try container.requireObject()
        let resources = container.field("resources")
        _ = try resources.requireObject()
        let requests = try ResourceList.decode(resources.field("requests"))
        let limits = try ResourceList.decode(resources.field("limits"))
        func effective(_ read: (ResourceList) -> Int64?) -> Int64 { read(requests) ?? read(limits) ?? 0 }
        let request = ResourceRequest(
            milliCPU: effective { $0.milliValue(of: ResourceName.cpu) },
            memory: effective { $0.value(of: ResourceName.memory) },
            gpu: effective { $0.value(of: ResourceName.gpu) })
        let gpu = (requests.value(of: ResourceName.gpu) ?? 0) > 0 || (limits.value(of: ResourceName.gpu) ?? 0) > 0
        return (request, gpu)
    }
}
