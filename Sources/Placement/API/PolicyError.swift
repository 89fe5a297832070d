/// An object that Flotilla cannot use as written: which object, which field, and why.
///
/// The field is a path as `kubectl explain` spells it (`spec.placement[1].preferences.weight`), so
/// a person can find it in their YAML. The controller turns this into an Event and a status
/// condition on the object; `flotilla plan` prints it and exits 1.
public struct PolicyError: Error, Sendable, Equatable, CustomStringConvertible {
    public var object: ObjectReference
    public var field: String
    public var message: String

    public init(object: ObjectReference, field: String, message: String) {
        self.object = object
        self.field = field
        self.message = message
    }

    public var description: String {
        field.isEmpty ? "\(object): \(message)" : "\(object): \(field): \(message)"
    }
}
