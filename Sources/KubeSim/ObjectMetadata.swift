import Foundation
import KubeObjects
import Synchronization

/// Reading and writing the `metadata` members the server manages, on untyped objects.
///
/// The simulator stores objects as `JSONValue` so that it keeps every field a client sends,
/// including ones it does not understand, exactly as a real server does for unknown-but-valid fields.
extension JSONValue {
    var name: String { self[path: ["metadata", "name"]]?.stringValue ?? "" }
    var namespace: String { self[path: ["metadata", "namespace"]]?.stringValue ?? "" }
    var resourceVersion: String? { self[path: ["metadata", "resourceVersion"]]?.stringValue }
    var uid: String? { self[path: ["metadata", "uid"]]?.stringValue }
    var isBeingDeleted: Bool { self[path: ["metadata", "deletionTimestamp"]] != nil }

    var finalizers: [String] {
        (self[path: ["metadata", "finalizers"]]?.arrayValue ?? []).compactMap(\.stringValue)
    }

    var labels: [String: String] {
        var result: [String: String] = [:]
        for (key, value) in self[path: ["metadata", "labels"]]?.objectValue ?? JSONObject() {
            if let text = value.stringValue { result[key] = text }
        }
        return result
    }

    /// Sets `metadata.key`, creating `metadata` when missing.
    mutating func setMetadata(_ key: String, _ value: JSONValue?) {
        var metadata = self["metadata"]?.objectValue ?? JSONObject()
        metadata[key] = value
        self["metadata"] = .object(metadata)
    }

    /// The object without `metadata` and `status`: what must change for `generation` to move.
    var specPart: JSONValue {
        var copy = self
        copy["metadata"] = nil
        copy["status"] = nil
        return copy
    }
}

enum Timestamp {
    /// The last second formatted: Foundation's formatter costs microseconds, and a busy server
    /// stamps thousands of objects within the same second.
    private static let lastFormatted = Mutex<(second: Int64, text: String)>((-1, ""))

    /// RFC 3339 in UTC with whole seconds, the form Kubernetes writes.
    static func now() -> String {
        let date = Date()
        let second = Int64(date.timeIntervalSince1970.rounded(.down))
        if let cached = lastFormatted.withLock({ $0.second == second ? $0.text : nil }) { return cached }
        let text = date.formatted(.iso8601)
        lastFormatted.withLock { $0 = (second, text) }
        return text
    }
}
