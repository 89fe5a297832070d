import KubeObjects

/// The host workload Flotilla places: an `apps/v1` Deployment, the only kind KubeAdmiral's
/// auto-migration supports (kubeadmiral-api.md §3.1, `autoMigration`), read for what placement
/// needs. The object itself stays in `raw`; member objects are built from it.
public struct Workload: Sendable, Equatable {
    public static let apiVersion = "apps/v1"
    public static let kind = "Deployment"

    public var reference: ObjectReference
    public var metadata: ObjectMeta
    /// `spec.replicas`, 1 when absent (the apps/v1 default).
    public var replicas: Int64
    /// `spec.template`, as written.
    public var podTemplate: JSONValue
    /// Any container or init container requests or limits `nvidia.com/gpu` above zero. Such a
    /// workload is never sent to a cluster without GPUs, and dynamic weights count GPUs.
    public var requestsGPU: Bool
    /// One pod's request, for the resource scores.
    public var resourceRequest: ResourceRequest
    public var raw: JSONValue

    public var namespace: String { metadata.namespace ?? "" }
    public var name: String { metadata.name }
    public var labels: [String: String] { metadata.labels }
    public var annotations: [String: String] { metadata.annotations }

    /// A reader at the object's root, for errors about its labels and annotations.
    var root: FieldReader { FieldReader(object: reference, value: raw) }

    public init(
        reference: ObjectReference, metadata: ObjectMeta, replicas: Int64, podTemplate: JSONValue,
        requestsGPU: Bool, resourceRequest: ResourceRequest, raw: JSONValue
    ) {
        self.reference = reference
        self.metadata = metadata
        self.replicas = replicas
        self.podTemplate = podTemplate
        self.requestsGPU = requestsGPU
        self.resourceRequest = resourceRequest
        self.raw = raw
    }

    /// Decodes an `apps/v1` Deployment. `metadata.namespace` is required (see `ObjectHeader`).
    public static func decode(_ raw: JSONValue) throws(PolicyError) -> Workload {
        let header = try ObjectHeader(raw, apiVersion: apiVersion, kind: kind, namespaced: true)
        let spec = header.root.field("spec")
        guard try spec.requireObject() != nil else { throw spec.error("required field is missing") }
        let template = spec.field("template")
        _ = try template.requireObject()
        let (request, requestsGPU) = try ResourceRequest.decode(podTemplate: template)
        return Workload(
            reference: header.reference, metadata: header.metadata,
            replicas: try spec.field("replicas").nonNegativeInt() ?? 1,
            podTemplate: template.value ?? .object(JSONObject()),
            requestsGPU: requestsGPU, resourceRequest: request, raw: raw)
    }
}
