import KubeObjects

/// A change a `Store` has just committed, as its event handlers see it.
///
/// Handlers usually turn changes into work-queue keys (the object's own key, its owner's, or a
/// mapped one); they get the old object too, so they can skip changes that do not matter to them
/// (only the status moved, only a label they do not select on).
public enum TypedStoreChange<Object: CachedObject>: Sendable, Equatable {
    case added(ObjectKey, Object)
    case updated(ObjectKey, old: Object, new: Object)
    /// The object is gone; this is the last state the store knew (after a relist, possibly older
    /// than the state it was deleted in).
    case deleted(ObjectKey, Object)

    public var key: ObjectKey {
        switch self {
        case .added(let key, _), .updated(let key, _, _), .deleted(let key, _): return key
        }
    }

    /// The object's current state, or its last known one for a deletion.
    public var object: Object {
        switch self {
        case .added(_, let object), .updated(_, _, let object), .deleted(_, let object): return object
        }
    }
}

/// A change to a `Store` of API objects.
public typealias StoreChange = TypedStoreChange<JSONValue>
