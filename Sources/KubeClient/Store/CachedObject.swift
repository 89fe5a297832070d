import KubeObjects

/// What a `TypedStore` keeps of each object: the API's JSON itself (`JSONValue`, what most caches
/// want), or a smaller record made from it.
///
/// A record pays off where a cache holds many objects of which the reader needs a few fields: a
/// federation controller caches one copy of every workload per member cluster, and a parsed
/// Deployment costs kilobytes where the fields it reads fit in a few hundred bytes. The record is
/// made once, when the object arrives, and the JSON is dropped.
public protocol CachedObject: Sendable, Equatable {
    /// The record for `object` as the API server sent it; `nil` leaves the object out of the cache.
    /// The store keys it by the object's namespace and name, so the record need not keep them.
    init?(cachedFrom object: JSONValue)
    /// `metadata.resourceVersion`. Without one, equal content means the same version.
    var cachedResourceVersion: String? { get }
    /// The labels the store indexes (`objects(labeled:_:)`); a record that is never looked up by
    /// label returns none and costs the index nothing.
    var indexedLabels: [(String, String)] { get }
}

extension JSONValue: CachedObject {
    public init?(cachedFrom object: JSONValue) { self = object }

    public var cachedResourceVersion: String? { self[path: ["metadata", "resourceVersion"]]?.stringValue }

    /// Every label whose value is a string (the API server accepts no other).
    public var indexedLabels: [(String, String)] {
        guard let labels = self[path: ["metadata", "labels"]]?.objectValue else { return [] }
        return labels.compactMap { entry in entry.value.stringValue.map { (entry.key, $0) } }
    }
}
