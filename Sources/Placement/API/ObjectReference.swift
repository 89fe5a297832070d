/// Names one Kubernetes object in messages, Events and errors: `PropagationPolicy default/fed-pp-weight`.
public struct ObjectReference: Sendable, Hashable, CustomStringConvertible {
    public var kind: String
    public var namespace: String?
    public var name: String

    public init(kind: String, namespace: String? = nil, name: String) {
        self.kind = kind
        self.namespace = namespace
        self.name = name
    }

    /// `namespace/name`, or `name` for cluster-scoped objects: the key KubeAdmiral hashes and logs.
    public var key: String {
        if let namespace, !namespace.isEmpty { return "\(namespace)/\(name)" }
        return name
    }

    public var description: String { "\(kind) \(key)" }
}
