import KubeObjects

/// Which objects carry each label value: label key → value → object keys.
///
/// Kept up to date on every change so that "every workload labelled with this policy" is a
/// lookup, not a scan. Labels whose value is not a string are not indexed (the API server does
/// not accept them).
struct LabelIndex: Sendable {
    private var entries: [String: [String: Set<ObjectKey>]] = [:]
    /// The label keys indexed; `nil` indexes every label.
    let indexed: Set<String>?

    init(indexing indexed: Set<String>? = nil) { self.indexed = indexed }

    init(_ objects: [ObjectKey: some CachedObject], indexing indexed: Set<String>?) {
        self.indexed = indexed
        for (key, object) in objects { insert(key, object) }
    }

    mutating func insert(_ key: ObjectKey, _ object: some CachedObject) {
        for (label, value) in object.indexedLabels where indexed?.contains(label) ?? true {
            entries[label, default: [:]][value, default: []].insert(key)
        }
    }

    mutating func remove(_ key: ObjectKey, _ object: some CachedObject) {
        for (label, value) in object.indexedLabels where indexed?.contains(label) ?? true {
            entries[label]?[value]?.remove(key)
            if entries[label]?[value]?.isEmpty == true { entries[label]?[value] = nil }
            if entries[label]?.isEmpty == true { entries[label] = nil }
        }
    }

    /// Every value of `label`, with the keys of the objects that carry it.
    func values(of label: String) -> [String: Set<ObjectKey>] { entries[label] ?? [:] }
}
