/// One step of an RFC 6902 JSON patch.
///
/// `from` matters only to `move` and `copy`, and `value` only to `add`, `replace` and `test`; the
/// reader keeps just the members that the operation uses, so that two operations that do the same
/// thing compare equal even when one was written with unrelated extra members.
public struct JSONPatchOperation: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case add, remove, replace, move, copy, test
    }

    public var kind: Kind
    public var path: JSONPointer
    public var from: JSONPointer?
    public var value: JSONValue?

    /// Builds an operation as given; one that lacks the `value` or `from` its kind needs fails
    /// when applied, with the same message as a patch document that lacks it.
    public init(_ kind: Kind, path: JSONPointer, from: JSONPointer? = nil, value: JSONValue? = nil) {
        self.kind = kind
        self.path = path
        self.from = from
        self.value = value
    }

    /// Reads one operation object. Errors carry the `op` and `path` that could be read, and no
    /// index: the patch reader knows the index and adds it.
    public init(json: JSONValue) throws(JSONPatchError) {
        guard case .object(let members) = json else {
            throw JSONPatchError(message: "an operation must be an object, got \(json.typeName)")
        }
        let opName = try Self.string("op", in: members, partial: JSONPatchError(message: ""))
        let pathText = members["path"]?.stringValue
        let context = JSONPatchError(operation: opName, path: pathText, message: "")
        guard let kind = Kind(rawValue: opName) else {
            let known = Kind.allCases.map(\.rawValue).joined(separator: ", ")
            throw context.with(message: "unknown operation \"\(opName)\"; expected one of \(known)")
        }
        self.kind = kind
        self.path = try Self.pointer("path", in: members, partial: context)
        if kind.needsFrom {
            self.from = try Self.pointer("from", in: members, partial: context)
        }
        if kind.needsValue {
            guard let value = members["value"] else { throw context.with(message: #"missing "value""#) }
            self.value = value  // `"value": null` is a value: it sets or tests for null
        }
    }

    /// The operation as a patch document writes it: `{"op": …, "path": …, "from": …, "value": …}`.
    public var jsonValue: JSONValue {
        var object = JSONObject()
        object["op"] = .string(kind.rawValue)
        object["path"] = .string(path.description)
        if let from { object["from"] = .string(from.description) }
        if let value { object["value"] = value }
        return .object(object)
    }

    /// Applies this operation to `document` in place. On error the document may be half-changed;
    /// `JSONPatch.apply(to:)` works on its own copy and discards it, which keeps patches atomic.
    func apply(to document: inout JSONValue) throws(JSONPatchError) {
        switch kind {
        case .add:
            try document.addValue(try requiredValue(), at: path)
        case .remove:
            try document.removeValue(at: path)
        case .replace:
            try document.replaceValue(at: path, with: try requiredValue())
        case .move:
            let from = try requiredFrom()
            guard from.resolve(in: document) != nil else { throw missingFrom(from) }
            guard from != path else { return }
            guard !from.isProperPrefix(of: path) else {
                throw JSONPatchError(message: "cannot move \(from.quoted) into its own child \(path)")
            }
            let moved = try document.removeValue(at: from)
            try document.addValue(moved, at: path)
        case .copy:
            let from = try requiredFrom()
            guard let copied = from.resolve(in: document) else { throw missingFrom(from) }
            try document.addValue(copied, at: path)
        case .test:
            let expected = try requiredValue()
            guard let actual = path.resolve(in: document) else {
                throw JSONPatchError(message: "path does not exist")
            }
            guard actual == expected else {
                throw JSONPatchError(
                    message: "test failed: expected \(Self.excerpt(expected)), found \(Self.excerpt(actual))"
                )
            }
        }
    }

    // MARK: Helpers

    private func requiredValue() throws(JSONPatchError) -> JSONValue {
        guard let value else { throw JSONPatchError(message: #"missing "value""#) }
        return value
    }

    private func requiredFrom() throws(JSONPatchError) -> JSONPointer {
        guard let from else { throw JSONPatchError(message: #"missing "from""#) }
        return from
    }

    private func missingFrom(_ from: JSONPointer) -> JSONPatchError {
        JSONPatchError(message: "from location \(from.quoted) does not exist")
    }

    /// Compact JSON, cut short: a failing `test` on a large subtree must not flood the terminal.
    static func excerpt(_ value: JSONValue, limit: Int = 80) -> String {
        let text = value.jsonString
        return text.count <= limit ? text : String(text.prefix(limit)) + "…"
    }

    private static func string(
        _ name: String, in members: JSONObject, partial: JSONPatchError
    ) throws(JSONPatchError) -> String {
        guard let member = members[name] else { throw partial.with(message: "missing \"\(name)\"") }
        guard case .string(let text) = member else {
            throw partial.with(message: "\"\(name)\" must be a string, got \(member.typeName)")
        }
        return text
    }

    private static func pointer(
        _ name: String, in members: JSONObject, partial: JSONPatchError
    ) throws(JSONPatchError) -> JSONPointer {
        let text = try string(name, in: members, partial: partial)
        do {
            return try JSONPointer(parsing: text)
        } catch {
            throw partial.with(message: "\"\(name)\" is not a JSON pointer: \(error.message)")
        }
    }
}

extension JSONPatchOperation.Kind {
    var needsValue: Bool { self == .add || self == .replace || self == .test }
    var needsFrom: Bool { self == .move || self == .copy }
}

extension JSONPointer {
    /// The escaped form for messages, with the root spelled `""` so that it is visible.
    var quoted: String { isRoot ? #""""# : description }
}

extension JSONPatchError {
    /// This error's context (index, op, path) with another message.
    func with(message: String) -> JSONPatchError {
        var copy = self
        copy.message = message
        return copy
    }
}
