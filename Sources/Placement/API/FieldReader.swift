import KubeObjects

/// Reads typed fields out of a raw object while remembering where it is, so that every decoding
/// error names the object and the field (`spec.placement[1].preferences.weight`).
///
/// Absent and `null` fields read as `nil` (Kubernetes treats an explicit `null` as unset); a field
/// of the wrong type is an error, never silently ignored. Unknown fields are simply not read: they
/// survive in the raw object, as the issue asks, and are not fatal.
public struct FieldReader: Sendable {
    public let object: ObjectReference
    public let path: String
    public let value: JSONValue?

    public init(object: ObjectReference, path: String = "", value: JSONValue?) {
        self.object = object
        self.path = path
        self.value = value
    }

    /// The child field `key`; reading a field of a non-object yields an absent child (the type
    /// error is reported when the parent itself is read with `requireObject`).
    public func field(_ key: String) -> FieldReader {
        FieldReader(object: object, path: path.isEmpty ? key : "\(path).\(key)", value: value?[key])
    }

    /// The entry `key` of a map field (labels, annotations, resource lists), written
    /// `metadata.annotations[kubeadmiral.io/placements]` because such keys contain dots and slashes.
    public func entry(_ key: String) -> FieldReader {
        FieldReader(object: object, path: "\(path)[\(key)]", value: value?[key])
    }

    /// Shorthand for a chain of `field` calls: `reader.field(path: "spec", "placement")`.
    public func field(path keys: String...) -> FieldReader {
        keys.reduce(self) { $0.field($1) }
    }

    public func error(_ message: String) -> PolicyError {
        PolicyError(object: object, field: path, message: message)
    }

    /// True when the field is present and not `null`.
    public var isPresent: Bool {
        guard let value else { return false }
        return !value.isNull
    }

    private func typeError(_ expected: String) -> PolicyError {
        error("expected \(expected), got \(value?.typeName ?? "nothing")")
    }

    // MARK: Scalars

    public func string() throws(PolicyError) -> String? {
        guard isPresent, let value else { return nil }
        guard let string = value.stringValue else { throw typeError("a string") }
        return string
    }

    /// A string that must be present and non-empty.
    public func requiredString() throws(PolicyError) -> String {
        guard let string = try string() else { throw error("required field is missing") }
        guard !string.isEmpty else { throw error("must not be empty") }
        return string
    }

    public func int() throws(PolicyError) -> Int64? {
        guard isPresent, let value else { return nil }
        guard let int = value.intValue else { throw typeError("an integer") }
        return int
    }

    /// An integer that, when present, must be zero or more.
    public func nonNegativeInt() throws(PolicyError) -> Int64? {
        guard let int = try int() else { return nil }
        guard int >= 0 else { throw error("must be greater than or equal to 0, got \(int)") }
        return int
    }

    public func bool() throws(PolicyError) -> Bool? {
        guard isPresent, let value else { return nil }
        guard let bool = value.boolValue else { throw typeError("a boolean") }
        return bool
    }

    /// A Go duration string (`2m`, `1m30s`, `500ms`), the format of `podUnschedulableFor`.
    public func duration() throws(PolicyError) -> Duration? {
        guard let text = try string() else { return nil }
        guard let duration = GoDuration.parse(text) else {
            throw error("invalid duration \"\(text)\": use a number and a unit, such as 90s, 2m or 1h30m")
        }
        return duration
    }

    /// An RFC 3339 time (`metav1.Time`), such as `deletionTimestamp` or `validUntil`.
    public func timestamp() throws(PolicyError) -> Timestamp? {
        guard let text = try string() else { return nil }
        guard let timestamp = Timestamp(rfc3339: text) else {
            throw error("invalid time \"\(text)\": use RFC 3339, such as 2026-11-23T10:00:00Z")
        }
        return timestamp
    }

    /// Parses this string field as a JSON document, such as a scheduling annotation's value, and
    /// returns a reader over the result that keeps this field's path, so that an error inside reads
    /// `metadata.annotations[kubeadmiral.io/placements][0].cluster`.
    public func parsedJSON() throws(PolicyError) -> FieldReader? {
        guard let text = try string() else { return nil }
        do {
            return FieldReader(object: object, path: path, value: try JSONValue(parsing: text))
        } catch {
            throw self.error("invalid JSON at column \(error.column): \(error.message)")
        }
    }

    // MARK: Collections

    /// The elements of an array field, each with its index in the path.
    public func array() throws(PolicyError) -> [FieldReader]? {
        guard isPresent, let value else { return nil }
        guard let elements = value.arrayValue else { throw typeError("an array") }
        return elements.enumerated().map { index, element in
            FieldReader(object: object, path: "\(path)[\(index)]", value: element)
        }
    }

    /// The field as an object (nil when absent), with a type error otherwise.
    public func requireObject() throws(PolicyError) -> JSONObject? {
        guard isPresent, let value else { return nil }
        guard let object = value.objectValue else { throw typeError("an object") }
        return object
    }

    /// A map of strings to strings, such as labels or `clusterSelector`.
    public func stringMap() throws(PolicyError) -> [String: String]? {
        guard let object = try requireObject() else { return nil }
        var result: [String: String] = [:]
        for (key, element) in object {
            guard let string = element.stringValue else {
                throw entry(key).typeError("a string")
            }
            result[key] = string
        }
        return result
    }

    /// A list of strings, such as `targetClusters.clusters`.
    public func strings() throws(PolicyError) -> [String]? {
        guard let elements = try array() else { return nil }
        var result: [String] = []
        for element in elements {
            guard let string = element.value?.stringValue else { throw element.typeError("a string") }
            result.append(string)
        }
        return result
    }

    /// A map of strings to integers, such as `estimatedCapacity` (absent reads as `nil`).
    public func intMap() throws(PolicyError) -> [String: Int64]? {
        guard let object = try requireObject() else { return nil }
        var result: [String: Int64] = [:]
        for (key, _) in object {
            guard let int = try entry(key).int() else { throw entry(key).typeError("an integer") }
            result[key] = int
        }
        return result
    }

    /// Decodes each element of an array field with `decode`, which sees the element's reader.
    public func map<T>(_ decode: (FieldReader) throws(PolicyError) -> T) throws(PolicyError) -> [T]? {
        guard let elements = try array() else { return nil }
        var result: [T] = []
        result.reserveCapacity(elements.count)
        for element in elements { result.append(try decode(element)) }
        return result
    }

    /// Checks that a string field holds one of `allowed`; absent reads as `nil`.
    public func oneOf(_ allowed: [String]) throws(PolicyError) -> String? {
        guard let string = try string() else { return nil }
        guard allowed.contains(string) else {
            throw error("unsupported value \"\(string)\": must be one of \(allowed.joined(separator: ", "))")
        }
        return string
    }
}
