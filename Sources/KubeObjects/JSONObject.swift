/// A JSON object that remembers the order in which its keys were first set.
///
/// The entries are one array in insertion order. Lookups in small objects (nearly every object in
/// a Kubernetes document: metadata, a container, a label map) scan it, which is faster than hashing
/// the key and costs no memory beyond the entries themselves; an object past `indexedCount` keys
/// also keeps a hash index, so a large ConfigMap or annotation map stays fast. A parsed object
/// costs a fraction of a dictionary-backed one, which matters for caches that hold thousands.
/// Removing a key is O(n), which suits Kubernetes objects (dozens of keys, rarely removed).
public struct JSONObject: Sendable {
    private var entryList: [(key: String, value: JSONValue)] = []
    /// Key → position in `entryList`; only for objects with more than `indexedCount` keys.
    private var index: [String: Int]?

    /// Above this many keys an object keeps a hash index.
    static let indexedCount = 16

    public init() {}

    /// Builds an object from pairs; a later duplicate key replaces the earlier value in place.
    public init(_ pairs: [(String, JSONValue)]) {
        entryList.reserveCapacity(pairs.count)
        for (key, value) in pairs { self[key] = value }
    }

    public var count: Int { entryList.count }
    public var isEmpty: Bool { entryList.isEmpty }

    /// Keys in insertion order.
    public var keys: [String] { entryList.map(\.key) }

    /// Key-value pairs in insertion order.
    public var entries: [(key: String, value: JSONValue)] { entryList }

    public func contains(_ key: String) -> Bool { position(of: key) != nil }

    private func position(of key: String) -> Int? {
        if let index { return index[key] }
        return entryList.firstIndex { $0.key == key }
    }

    /// Reading a missing key gives `nil`; assigning `nil` removes the key.
    public subscript(key: String) -> JSONValue? {
        get { position(of: key).map { entryList[$0].value } }
        set {
            if let newValue {
                if let position = position(of: key) {
                    entryList[position].value = newValue
                } else {
                    entryList.append((key, newValue))
                    if index != nil {
                        index![key] = entryList.count - 1
                    } else if entryList.count > Self.indexedCount {
                        rebuildIndex()
                    }
                }
            } else if let position = position(of: key) {
                entryList.remove(at: position)
                if index != nil { rebuildIndex() }
            }
        }
    }

    private mutating func rebuildIndex() {
        guard entryList.count > Self.indexedCount else {
            index = nil
            return
        }
        var positions: [String: Int] = [:]
        positions.reserveCapacity(entryList.count)
        for (position, entry) in entryList.enumerated() { positions[entry.key] = position }
        index = positions
    }

    /// Gives back the entry array's spare capacity: a parsed object is read many times and
    /// never grows again, and growth by doubling leaves up to half of it unused.
    mutating func releaseSpareCapacity() {
        guard entryList.capacity > entryList.count else { return }
        entryList = Array(entryList[...])
    }

    /// Removes `key` and returns its value, if it was present.
    @discardableResult
    public mutating func removeValue(forKey key: String) -> JSONValue? {
        let old = self[key]
        self[key] = nil
        return old
    }
}

extension JSONObject: Equatable {
    /// Order-insensitive: two objects are equal when they have the same keys with equal values.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.count == rhs.count else { return false }
        for (position, entry) in lhs.entryList.enumerated() {
            // Same order (the usual case) is checked without a lookup.
            if position < rhs.entryList.count, rhs.entryList[position].key == entry.key {
                guard rhs.entryList[position].value == entry.value else { return false }
            } else {
                guard let other = rhs[entry.key], other == entry.value else { return false }
            }
        }
        return true
    }
}

extension JSONObject: Hashable {
    /// Order-insensitive, like equality: the entries' own hashes are summed.
    public func hash(into hasher: inout Hasher) {
        var sum = 0
        for entry in entryList {
            var entryHasher = Hasher()
            entryHasher.combine(entry.key)
            entryHasher.combine(entry.value)
            sum &+= entryHasher.finalize()
        }
        hasher.combine(count)
        hasher.combine(sum)
    }
}

extension JSONObject: Sequence {
    public func makeIterator() -> IndexingIterator<[(key: String, value: JSONValue)]> {
        entryList.makeIterator()
    }
}
