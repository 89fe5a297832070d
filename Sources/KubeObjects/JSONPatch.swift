/// An RFC 6902 JSON patch: a list of operations applied in order, all or nothing.
///
/// Kubernetes uses JSON patches for `kubectl patch --type=json` and for override policies; a
/// placement that applied half of an override would place a workload nobody asked for, so
/// `apply(to:)` either returns the fully patched document or throws and returns nothing.
public struct JSONPatch: Sendable, Equatable {
    public var operations: [JSONPatchOperation]

    public init(_ operations: [JSONPatchOperation]) {
        self.operations = operations
    }

    /// Reads a patch document: a JSON array of operation objects. Every operation is read before
    /// any is applied, so a malformed fifth operation is reported before the first one runs.
    /// Members an operation does not use are ignored, as RFC 6902 section 4 requires.
    public init(document: JSONValue) throws(JSONPatchError) {
        guard case .array(let elements) = document else {
            throw JSONPatchError(message: "a JSON patch must be an array of operations, got \(document.typeName)")
        }
        var operations: [JSONPatchOperation] = []
        operations.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            do {
                operations.append(try JSONPatchOperation(json: element))
            } catch {
                var located = error
                located.operationIndex = index
                throw located
            }
        }
        self.operations = operations
    }

    /// The patch as a JSON array, the form `init(document:)` reads.
    public var jsonValue: JSONValue {
        .array(operations.map(\.jsonValue))
    }

    /// Applies every operation in order to a copy of `document` and returns the copy.
    ///
    /// The copy shares storage with `document` until an operation changes something; each edit
    /// then copies only the containers on its path, once, and later edits change them in place.
    /// A patch of many operations on a large document therefore costs about the size of what it
    /// touches, not operations × document size. When an operation fails, the copy is dropped and
    /// the error names that operation.
    public func apply(to document: JSONValue) throws(JSONPatchError) -> JSONValue {
        var result = document
        for (index, operation) in operations.enumerated() {
            do {
                try operation.apply(to: &result)
            } catch {
                throw JSONPatchError(
                    operationIndex: index,
                    operation: operation.kind.rawValue,
                    path: operation.path.description,
                    message: error.message
                )
            }
        }
        return result
    }
}
