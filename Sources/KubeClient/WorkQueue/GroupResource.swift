/// An API group and a resource in it (`deployments` in `apps`), the way the API server names
/// collections: `deployments.apps`, or just `pods` for the core group.
///
/// Keys carry the resource rather than the kind because the resource is what a URL, a store and
/// an RBAC rule are about; it tells apart two objects with the same namespace and name.
public struct GroupResource: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The API group; empty for the core group.
    public var group: String
    /// The lower-case plural resource name.
    public var resource: String

    public init(group: String, resource: String) {
        self.group = group
        self.resource = resource
    }

    public var description: String { group.isEmpty ? resource : "\(resource).\(group)" }

    public static func < (lhs: GroupResource, rhs: GroupResource) -> Bool {
        (lhs.group, lhs.resource) < (rhs.group, rhs.resource)
    }
}
