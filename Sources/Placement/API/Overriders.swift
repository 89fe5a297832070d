import KubeObjects

/// `overriders` of one override rule, one list per kind of edit.
///
/// The kinds always run in KubeAdmiral's fixed order, image → command → args → envs →
/// annotations → labels → jsonpatch, whatever order the YAML lists them in; the properties are
/// declared in that order. Within a kind, the list runs in order.
public struct Overriders: Sendable, Hashable {
    public var image: [ImageOverrider]
    public var command: [EntrypointOverrider]
    public var args: [EntrypointOverrider]
    public var envs: [EnvOverrider]
    public var annotations: [StringMapOverrider]
    public var labels: [StringMapOverrider]
    public var jsonpatch: [JSONPatchOverrider]

    public init(
        image: [ImageOverrider] = [], command: [EntrypointOverrider] = [], args: [EntrypointOverrider] = [],
        envs: [EnvOverrider] = [], annotations: [StringMapOverrider] = [], labels: [StringMapOverrider] = [],
        jsonpatch: [JSONPatchOverrider] = []
    ) {
        self.image = image
        self.command = command
        self.args = args
        self.envs = envs
        self.annotations = annotations
        self.labels = labels
        self.jsonpatch = jsonpatch
    }

    static func decode(_ reader: FieldReader) throws(PolicyError) -> Overriders {
        _ = try reader.requireObject()
        return Overriders(
            image: try reader.field("image").map(ImageOverrider.decode) ?? [],
            command: try reader.field("command").map(EntrypointOverrider.decode) ?? [],
            args: try reader.field("args").map(EntrypointOverrider.decode) ?? [],
            envs: try reader.field("envs").map(EnvOverrider.decode) ?? [],
            annotations: try reader.field("annotations").map(StringMapOverrider.decode) ?? [],
            labels: try reader.field("labels").map(StringMapOverrider.decode) ?? [],
            jsonpatch: try reader.field("jsonpatch").map(JSONPatchOverrider.decode) ?? [])
    }
}

/// The operators of image operations, env, annotation and label overriders. All default to
/// `overwrite` (the CRD default).
public enum OverrideOperator: String, Sendable, Hashable, CaseIterable {
    /// Adds what is not there yet; fails when it is already there, or when there is nothing to add.
    case addIfAbsent
    /// Replaces what is there. For envs, annotations and labels it never adds a missing key.
    case overwrite
    /// Removes.
    case delete
}

/// `overriders.image[]`: edits parts of container image references.
public struct ImageOverrider: Sendable, Hashable {
    /// The containers and init containers to edit; empty edits all of them. Ignored with `imagePath`.
    public var containerNames: [String]
    /// The one image string to edit, for kinds whose pod spec KubeAdmiral does not know.
    ///
    /// Read as an RFC 6901 pointer, `~1` and `~0` unescaped. (KubeAdmiral reads it by splitting
    /// on `/` without unescaping, but writes it back through a JSON patch, which unescapes; the
    /// two agree for every path without `~`.)
    public var imagePath: JSONPointer?
    public var operations: [ImageOperation]

    public init(containerNames: [String] = [], imagePath: JSONPointer? = nil, operations: [ImageOperation]) {
        self.containerNames = containerNames
        self.imagePath = imagePath
        self.operations = operations
    }

    static func decode(_ reader: FieldReader) throws(PolicyError) -> ImageOverrider {
        _ = try reader.requireObject()
        let pathField = reader.field("imagePath")
        var imagePath: JSONPointer?
        if let text = try pathField.string(), !text.isEmpty {
            guard text.hasPrefix("/") else {
                throw pathField.error("must start with /, as a JSON pointer does (\"\(text)\")")
            }
            do {
                imagePath = try JSONPointer(parsing: text)
            } catch {
                throw pathField.error(error.description)
            }
        }
        let operationsField = reader.field("operations")
        guard let operations = try operationsField.map(ImageOperation.decode) else {
            throw operationsField.error("required field is missing")
        }
        return ImageOverrider(
            containerNames: try reader.field("containerNames").strings() ?? [], imagePath: imagePath,
            operations: operations)
    }
}

/// One edit of an image reference: which component, how, and the new value.
public struct ImageOperation: Sendable, Hashable {
    public enum Component: String, Sendable, Hashable, CaseIterable {
        /// The host (and port) before the first `/`, when that part has a `.` or `:` or is `localhost`.
        case registry = "Registry"
        /// The path after the registry, without tag or digest.
        case repository = "Repository"
        case tag = "Tag"
        case digest = "Digest"
    }

    public var imageComponent: Component
    public var `operator`: OverrideOperator
    /// Needed by `addIfAbsent`; `overwrite` with an empty value clears the component.
    public var value: String

    public init(imageComponent: Component, operator: OverrideOperator = .overwrite, value: String = "") {
        self.imageComponent = imageComponent
        self.operator = `operator`
        self.value = value
    }

    static func decode(_ reader: FieldReader) throws(PolicyError) -> ImageOperation {
        _ = try reader.requireObject()
        let componentField = reader.field("imageComponent")
        guard componentField.isPresent else { throw componentField.error("required field is missing") }
        return ImageOperation(
            imageComponent: try componentField.enumValue(Component.self, noun: "image component", default: nil),
            operator: try reader.field("operator").enumValue(OverrideOperator.self, noun: "operator", default: .overwrite),
            value: try reader.field("value").string() ?? "")
    }
}

/// `overriders.command[]` and `overriders.args[]`: edits the command or the arguments of the
/// first container or init container with a given name.
public struct EntrypointOverrider: Sendable, Hashable {
    /// No default: the API's doc comment promises `overwrite`, but KubeAdmiral's code rejects an
    /// empty operator, and so does Flotilla.
    public enum Operator: String, Sendable, Hashable, CaseIterable {
        /// Adds `value` at the end; `value` must not be empty.
        case append
        /// Replaces the whole list with `value`.
        case overwrite
        /// Removes every item equal to one in `value`.
        case delete
    }

    public var containerName: String
    public var `operator`: Operator
    public var value: [String]

    public init(containerName: String, operator: Operator, value: [String]) {
        self.containerName = containerName
        self.operator = `operator`
        self.value = value
    }

    static func decode(_ reader: FieldReader) throws(PolicyError) -> EntrypointOverrider {
        _ = try reader.requireObject()
        let valueField = reader.field("value")
        guard let value = try valueField.strings() else { throw valueField.error("required field is missing") }
        return EntrypointOverrider(
            containerName: try reader.field("containerName").requiredString(),
            operator: try reader.field("operator").enumValue(Operator.self, noun: "operator", default: nil),
            value: value)
    }
}

/// `overriders.envs[]`: edits the `env` list of the first container or init container with a
/// given name, by variable name.
public struct EnvOverrider: Sendable, Hashable {
    public var containerName: String
    public var `operator`: OverrideOperator
    public var value: [EnvVar]

    public init(containerName: String, operator: OverrideOperator = .overwrite, value: [EnvVar]) {
        self.containerName = containerName
        self.operator = `operator`
        self.value = value
    }

    static func decode(_ reader: FieldReader) throws(PolicyError) -> EnvOverrider {
        _ = try reader.requireObject()
        let valueField = reader.field("value")
        guard let value = try valueField.map(EnvVar.decode) else {
            throw valueField.error("required field is missing")
        }
        return EnvOverrider(
            containerName: try reader.field("containerName").requiredString(),
            operator: try reader.field("operator").enumValue(OverrideOperator.self, noun: "operator", default: .overwrite),
            value: value)
    }
}

/// A container environment variable (`corev1.EnvVar`), kept whole so that `valueFrom` reaches
/// the member exactly as written.
public struct EnvVar: Sendable, Hashable {
    public var name: String
    /// The whole entry, `name` included.
    public var object: JSONObject

    public init(name: String, value: String) {
        self.name = name
        self.object = JSONObject([("name", .string(name)), ("value", .string(value))])
    }

    init(name: String, object: JSONObject) {
        self.name = name
        self.object = object
    }

    static func decode(_ reader: FieldReader) throws(PolicyError) -> EnvVar {
        guard let object = try reader.requireObject() else { throw reader.error("expected an object, got null") }
        let name = try reader.field("name").requiredString()
        _ = try reader.field("value").string()
        _ = try reader.field("valueFrom").requireObject()
        return EnvVar(name: name, object: object)
    }
}

/// `overriders.annotations[]` and `overriders.labels[]`: edits the object's own
/// `metadata.annotations` or `metadata.labels`, key by key.
public struct StringMapOverrider: Sendable, Hashable {
    public var `operator`: OverrideOperator
    public var value: [String: String]

    public init(operator: OverrideOperator = .overwrite, value: [String: String]) {
        self.operator = `operator`
        self.value = value
    }

    static func decode(_ reader: FieldReader) throws(PolicyError) -> StringMapOverrider {
        _ = try reader.requireObject()
        let valueField = reader.field("value")
        guard let value = try valueField.stringMap() else { throw valueField.error("required field is missing") }
        return StringMapOverrider(
            operator: try reader.field("operator").enumValue(OverrideOperator.self, noun: "operator", default: .overwrite),
            value: value)
    }
}
