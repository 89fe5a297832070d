import KubeObjects

/// `overriders.jsonpatch[]`: one RFC 6902 operation on the whole object, for edits the other
/// overriders cannot express, such as the reference scenario's pod template annotations.
///
/// Only `add`, `remove`, `replace` and `test` are accepted. KubeAdmiral's `JsonPatchOverrider`
/// has no `from` field (the API server prunes one if written), so its `move` and `copy` always
/// fail; Flotilla says so when reading the policy rather than once per cluster.
public struct JSONPatchOverrider: Sendable, Hashable {
    /// The CRD has no enum here; an empty operator means `replace` (KubeAdmiral's `ApplyJSONPatch`).
    public var `operator`: JSONPatchOperation.Kind
    public var path: JSONPointer
    /// Needed by `add`, `replace` and `test`; an explicit `null` is a value.
    public var value: JSONValue?

    public init(operator: JSONPatchOperation.Kind = .replace, path: JSONPointer, value: JSONValue? = nil) {
        self.operator = `operator`
        self.path = path
        self.value = value
    }

    /// The patch operation this overrider applies.
    public var operation: JSONPatchOperation {
        JSONPatchOperation(self.operator, path: path, value: value)
    }

    static let usableOperators: [JSONPatchOperation.Kind] = [.add, .remove, .replace, .test]

    static func decode(_ reader: FieldReader) throws(PolicyError) -> JSONPatchOverrider {
        _ = try reader.requireObject()
        let operatorField = reader.field("operator")
        let name = try operatorField.string() ?? ""
        let op = name.isEmpty ? .replace : JSONPatchOperation.Kind(rawValue: name)
        guard let op, usableOperators.contains(op) else {
            if op == .move || op == .copy {
                throw operatorField.error(
                    "\(name) needs a \"from\" pointer, which a jsonpatch overrider cannot carry: use remove and add")
            }
            let allowed = usableOperators.map(\.rawValue).joined(separator: ", ")
            throw operatorField.error("unsupported operator \"\(name)\": must be one of \(allowed)")
        }
        let pathField = reader.field("path")
        let text = try pathField.requiredString()
        let path: JSONPointer
        do {
            path = try JSONPointer(parsing: text)
        } catch {
            throw pathField.error(error.description)
        }
        let value = reader.field("value").value
        if value == nil, op != .remove {
            throw reader.field("value").error("required field is missing: \(op.rawValue) needs a value")
        }
        return JSONPatchOverrider(operator: op, path: path, value: value)
    }
}
