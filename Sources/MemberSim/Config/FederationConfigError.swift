import KubeObjects
import Placement

/// A simulated-federation configuration that cannot be used: which file, which field, and why.
///
/// The field is a path as in the file (`members[0].pools[2].maxNodes`), so that a person can find
/// it; a YAML syntax error names the line and column instead.
public struct FederationConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    /// The field path; empty when the error is about the file as a whole.
    public var field: String
    public var message: String

    public init(file: String, field: String = "", message: String) {
        self.file = file
        self.field = field
        self.message = message
    }

    public var description: String {
        field.isEmpty ? "\(file): \(message)" : "\(file): \(field): \(message)"
    }

    /// A decoding error from a `FieldReader` over this file's contents.
    init(file: String, _ error: PolicyError) {
        self.init(file: file, field: error.field, message: error.message)
    }

    /// A syntax error, which carries its own line and column.
    init(_ error: SourceError, file: String) {
        self.init(file: file, message: "line \(error.line), column \(error.column): \(error.message)")
    }
}
