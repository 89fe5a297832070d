/// A JSON object that remembers the order in which its keys were first set.
///
/// Lookups go through a hash index; order is kept in a parallel array. Removing a key is O(n),
/// which suits Kubernetes objects (dozens of keys, rarely removed).
public struct JSONObject: Sendable {
    private var keyOrder: [String] = []
    private var storage: [String: JSONValue] = [:]

    public init() {}

    /// Builds an object from pairs; a later duplicate key replaces the earlier value in place.
    public init(_ pairs: [(String, JSONValue)]) {
        for (key, value) in pairs { self[key] = value }
    }

    public var count: Int { keyOrder.count }
    public var isEmpty: Bool { keyOrder.isEmpty }

    /// Keys in insertion order.
    public var keys: [String] { keyOrder }

    /// Key-value pairs in insertion order.
    public var entries: [(key: String, value: JSONValue)] {
        keyOrder.map { ($0, storage[$0]!) }
    }

    public func contains(_ key: String) -> Bool { storage[key] != nil }

    /// Reading a missing key gives `nil`; assigning `nil` removes the key.
    public subscript(key: String) -> JSONValue? {
        get { storage[key] }
        set {
            if let newValue {
                if storage.updateValue(newValue, forKey: key) == nil { keyOrder.append(key) }
            } else if storage.removeValue(forKey: key) != nil {
                keyOrder.removeAll { $0 == key }
            }
        }
    }

    /// Removes `key` and returns its value, if it was present.
    @discardableResult
    public mutating func removeValue(forKey key: String) -> JSONValue? {
        let old = storage[key]
        self[key] = nil
        return old
    }
}

extension JSONObject: Equatable {
    /// Order-insensitive: two objects are equal when they have the same keys with equal values.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool { lhs.storage == rhs.storage }
}

extension JSONObject: Hashable {
    public func hash(into hasher: inout Hasher) { hasher.combine(storage) }
}

extension JSONObject: Sequence {
    public func makeIterator() -> AnyIterator<(key: String, value: JSONValue)> {
        var index = 0
        let order = keyOrder
        let values = storage
        return AnyIterator {
            guard index < order.count else { return nil }
            defer { index += 1 }
            return (order[index], values[order[index]]!)
        }
    }
}
