import KubeObjects

/// Which object a reconcile is about: resource, namespace and name, and nothing else.
///
/// Queues carry keys, never objects: a reconcile re-reads the current object from a store, so it
/// acts on the latest state however many changes were folded into one key (level-triggered), and
/// a missing object means "deleted, clean up".
public struct ObjectKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The collection the object lives in; `nil` when a queue serves a single resource.
    public var resource: GroupResource?
    /// `nil` for cluster-scoped objects.
    public var namespace: String?
    public var name: String

    public init(resource: GroupResource? = nil, namespace: String?, name: String) {
        self.resource = resource
        self.namespace = namespace
        self.name = name
    }

    /// The key of a Kubernetes object, read from its `metadata`; `nil` when it has no name.
    /// An empty namespace counts as none, as it does on the wire.
    public init?(object: JSONValue, resource: GroupResource? = nil) {
        guard let metadata = object["metadata"], let name = metadata["name"]?.stringValue, !name.isEmpty else {
            return nil
        }
        let namespace = metadata["namespace"]?.stringValue
        self.init(resource: resource, namespace: namespace?.isEmpty == false ? namespace : nil, name: name)
    }

    /// `namespace/name`, or `name` for a cluster-scoped object, as `kubectl` and the logs print it.
    public var description: String {
        guard let namespace else { return name }
        return "\(namespace)/\(name)"
    }

    /// Orders by resource, then namespace (cluster-scoped first), then name.
    public static func < (lhs: ObjectKey, rhs: ObjectKey) -> Bool {
        if lhs.resource != rhs.resource {
            guard let left = lhs.resource else { return true }
            guard let right = rhs.resource else { return false }
            return left < right
        }
        if lhs.namespace != rhs.namespace { return (lhs.namespace ?? "") < (rhs.namespace ?? "") }
        return lhs.name < rhs.name
    }
}
