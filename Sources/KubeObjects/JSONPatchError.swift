/// Why a JSON patch could not be read or applied, and which operation it was.
///
/// A patch either applies whole or not at all, so the first failing operation is the whole story:
/// its index (0-based, so that `/2` in the patch document points at it), its `op` and its `path`
/// let a user find the line to fix without counting operations by hand.
public struct JSONPatchError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The 0-based index of the failing operation; `nil` when the patch as a whole is malformed.
    public var operationIndex: Int?
    /// The operation's `op` as written (`"replace"`, or an unknown name), when there is one.
    public var operation: String?
    /// The operation's `path` as written, when it has one.
    public var path: String?
    public var message: String

    public init(operationIndex: Int? = nil, operation: String? = nil, path: String? = nil, message: String) {
        self.operationIndex = operationIndex
        self.operation = operation
        self.path = path
        self.message = message
    }

    /// `operation 2 (replace /spec/replicas): path does not exist`; the root path shows as `""`.
    public var description: String {
        guard let operationIndex else { return message }
        var subject: [String] = []
        if let operation { subject.append(operation) }
        if let path { subject.append(path.isEmpty ? #""""# : path) }
        let detail = subject.isEmpty ? "" : " (\(subject.joined(separator: " ")))"
        return "operation \(operationIndex)\(detail): \(message)"
    }
}
