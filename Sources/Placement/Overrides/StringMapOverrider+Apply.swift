import KubeObjects

extension StringMapOverrider {
    /// Which map in the object's own `metadata` an annotations or labels overrider edits.
    /// (Not the pod template's: that takes a jsonpatch, as the reference scenario's does.)
    enum Target: String {
        case annotations, labels
    }

    /// Edits `metadata.annotations` or `metadata.labels`, key by key in sorted order, so that new
    /// keys land in the same order on every run.
    ///
    /// `overwrite` changes only keys that are there; `addIfAbsent` fails on a key that is there;
    /// `delete` removes keys, ignoring the values given.
    func apply(to object: inout JSONValue, target: Target) throws(OverriderFailure) {
        let location = "metadata.\(target.rawValue)"
        let metadataValue = object["metadata"].flatMap { $0.isNull ? nil : $0 }
        var metadata = JSONObject()
        if let metadataValue {
            guard let existing = metadataValue.objectValue else {
                throw OverriderFailure("metadata is \(metadataValue.typeName), not an object")
            }
            metadata = existing
        }
        let existing = metadata[target.rawValue].flatMap { $0.isNull ? nil : $0 }
        var map = JSONObject()
        if let existing {
            guard let object = existing.objectValue else {
                throw OverriderFailure("\(location) is \(existing.typeName), not an object")
            }
            map = object
        }
        if self.operator == .addIfAbsent, value.isEmpty { throw OverriderFailure("addIfAbsent needs a value") }
        for (key, newValue) in value.sorted(by: { $0.key < $1.key }) {
            switch self.operator {
            case .addIfAbsent:
                if map.contains(key) {
                    throw OverriderFailure("addIfAbsent cannot add \(key): \(location) already has it")
                }
                map[key] = .string(newValue)
            case .overwrite:
                if map.contains(key) { map[key] = .string(newValue) }
            case .delete:
                map[key] = nil
            }
        }
        // An empty result does not create a map the object did not have.
        if existing == nil, map.isEmpty { return }
        metadata[target.rawValue] = .object(map)
        object["metadata"] = .object(metadata)
    }
}
