/// One kind of object the simulator serves: where it lives in the URL space and how it behaves.
///
/// Built-in types are listed here; custom resources get one from their CRD at run time
/// (`ResourceType(definition:)`), so the two follow the same code paths.
public struct ResourceType: Sendable, Hashable {
    /// `""` for the core group.
    public var group: String
    public var version: String
    public var plural: String
    public var singular: String
    public var kind: String
    public var namespaced: Bool
    public var shortNames: [String]
    /// Whether writes to the main resource leave `.status` alone and `/status` writes only `.status`.
    public var hasStatusSubresource: Bool
    /// Where `/scale` reads and writes, when the type has that subresource.
    public var scale: ScalePaths?
    /// A custom resource's `additionalPrinterColumns` for this version: what `kubectl get` prints.
    var printerColumns: [PrinterColumn] = []

    /// JSON paths (as object-key lists) the autoscaling/v1 `Scale` view maps onto.
    public struct ScalePaths: Sendable, Hashable {
        public var specReplicas: [String]
        public var statusReplicas: [String]
        public var labelSelector: [String]?

        public static let deployment = ScalePaths(
            specReplicas: ["spec", "replicas"], statusReplicas: ["status", "replicas"],
            labelSelector: ["status", "selector"])
    }

    public init(
        group: String, version: String, plural: String, singular: String, kind: String, namespaced: Bool,
        shortNames: [String] = [], hasStatusSubresource: Bool = false, scale: ScalePaths? = nil
    ) {
        self.group = group
        self.version = version
        self.plural = plural
        self.singular = singular
        self.kind = kind
        self.namespaced = namespaced
        self.shortNames = shortNames
        self.hasStatusSubresource = hasStatusSubresource
        self.scale = scale
    }

    /// `v1` or `apps/v1`: the `apiVersion` of objects of this type.
    public var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }

    /// `deployments.apps` or `pods`: how error messages name the resource.
    public var qualifiedName: String { group.isEmpty ? plural : "\(plural).\(group)" }

    /// Identifies the stored objects: every served version of a group/resource shares one store.
    var storageKey: StorageKey { StorageKey(group: group, plural: plural) }

    /// One of the types served from the start, as opposed to a custom resource from a CRD.
    var isBuiltIn: Bool { Self.builtIns.contains { $0.storageKey == storageKey } }

    var isNamespace: Bool { group.isEmpty && plural == "namespaces" }
    var isCustomResourceDefinition: Bool {
        group == "apiextensions.k8s.io" && plural == "customresourcedefinitions"
    }

    /// The verbs discovery lists; kubectl checks them before it tries a command.
    var verbs: [String] {
        ["create", "delete", "get", "list", "patch", "update", "watch"]
    }
}

/// A group and resource, without version: the identity of a set of stored objects.
struct StorageKey: Sendable, Hashable {
    var group: String
    var plural: String
}

extension ResourceType {
    /// The types every simulator serves from the start.
    static let builtIns: [ResourceType] = [
        ResourceType(
            group: "", version: "v1", plural: "namespaces", singular: "namespace", kind: "Namespace",
            namespaced: false, shortNames: ["ns"], hasStatusSubresource: true),
        ResourceType(
            group: "", version: "v1", plural: "pods", singular: "pod", kind: "Pod", namespaced: true,
            shortNames: ["po"], hasStatusSubresource: true),
        ResourceType(
            group: "", version: "v1", plural: "nodes", singular: "node", kind: "Node", namespaced: false,
            shortNames: ["no"], hasStatusSubresource: true),
        ResourceType(
            group: "", version: "v1", plural: "secrets", singular: "secret", kind: "Secret", namespaced: true),
        ResourceType(
            group: "", version: "v1", plural: "configmaps", singular: "configmap", kind: "ConfigMap",
            namespaced: true, shortNames: ["cm"]),
        ResourceType(
            group: "", version: "v1", plural: "events", singular: "event", kind: "Event", namespaced: true,
            shortNames: ["ev"]),
        ResourceType(
            group: "apps", version: "v1", plural: "deployments", singular: "deployment", kind: "Deployment",
            namespaced: true, shortNames: ["deploy"], hasStatusSubresource: true, scale: .deployment),
        ResourceType(
            group: "apps", version: "v1", plural: "replicasets", singular: "replicaset", kind: "ReplicaSet",
            namespaced: true, shortNames: ["rs"], hasStatusSubresource: true, scale: .deployment),
        ResourceType(
            group: "coordination.k8s.io", version: "v1", plural: "leases", singular: "lease", kind: "Lease",
            namespaced: true),
        ResourceType(
            group: "apiextensions.k8s.io", version: "v1", plural: "customresourcedefinitions",
            singular: "customresourcedefinition", kind: "CustomResourceDefinition", namespaced: false,
            shortNames: ["crd", "crds"], hasStatusSubresource: true),
    ]
}
