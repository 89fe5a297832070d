import KubeObjects

/// An immutable view of a `Store` at one moment.
///
/// Readers take a snapshot and read it without locks or awaits; later changes to the store never
/// show through. A snapshot taken before the first complete list is empty and says so in
/// `hasSynced`.
///
/// Caveats: like any cache, a snapshot may be stale: the API server may already have moved on.
/// Decisions that must not act on stale data guard their writes (resourceVersion preconditions,
/// JSON Patch `test` operations). The snapshot shares storage with the store until the store's
/// next change, which then copies it; take one per reconcile, not one per object.
public struct TypedStoreSnapshot<Object: CachedObject>: Sendable {
    /// The resource every key in this snapshot carries.
    public let resource: GroupResource?
    /// Whether the store had received a complete list when the snapshot was taken.
    public let hasSynced: Bool
    private let byKey: [ObjectKey: Object]
    private let labels: LabelIndex

    init(resource: GroupResource?, hasSynced: Bool, objects: [ObjectKey: Object], labels: LabelIndex) {
        self.resource = resource
        self.hasSynced = hasSynced
        self.byKey = objects
        self.labels = labels
    }

    public var count: Int { byKey.count }
    public var isEmpty: Bool { byKey.isEmpty }

    /// The object with this key (resource included), if present.
    public subscript(key: ObjectKey) -> Object? { byKey[key] }

    /// The object `namespace/name` of this snapshot's resource.
    public func object(namespace: String?, name: String) -> Object? {
        byKey[ObjectKey(resource: resource, namespace: namespace, name: name)]
    }

    /// Every key, in `ObjectKey` order.
    public var keys: [ObjectKey] { byKey.keys.sorted() }

    /// Every object, in key order.
    public var objects: [Object] { keys.map { byKey[$0]! } }

    /// The objects in `namespace` (`nil`: cluster-scoped ones), in key order.
    public func objects(inNamespace namespace: String?) -> [Object] {
        byKey.filter { $0.key.namespace == namespace }.sorted { $0.key < $1.key }.map(\.value)
    }

    /// For each value of the label `label`, the keys of the objects that carry it, in key order.
    public func index(label: String) -> [String: [ObjectKey]] {
        labels.values(of: label).mapValues { $0.sorted() }
    }

    /// The keys of the objects whose label `label` is `value`, in key order.
    public func keys(labeled label: String, _ value: String) -> [ObjectKey] {
        (labels.values(of: label)[value] ?? []).sorted()
    }

    /// The objects whose label `label` is `value`, in key order.
    public func objects(labeled label: String, _ value: String) -> [Object] {
        keys(labeled: label, value).map { byKey[$0]! }
    }
}

/// A snapshot of a `Store` of API objects.
public typealias StoreSnapshot = TypedStoreSnapshot<JSONValue>
