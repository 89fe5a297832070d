import KubeObjects

/// The parts of `metadata` that placement reads. Everything else stays in the object's `raw` value.
public struct ObjectMeta: Sendable, Equatable {
    public var name: String
    /// `nil` for cluster-scoped kinds.
    public var namespace: String?
    public var labels: [String: String]
    public var annotations: [String: String]
    /// Set when the object is being deleted (the ClusterTerminating filter reads it on clusters).
    public var deletionTimestamp: Timestamp?

    public init(
        name: String, namespace: String? = nil, labels: [String: String] = [:],
        annotations: [String: String] = [:], deletionTimestamp: Timestamp? = nil
    ) {
        self.name = name
        self.namespace = namespace
        self.labels = labels
        self.annotations = annotations
        self.deletionTimestamp = deletionTimestamp
    }
}

/// What every decoder checks first: that the object is a JSON object of the expected
/// `apiVersion` and `kind`, that it has a name, and a namespace when the kind is namespaced.
///
/// A namespaced kind without `metadata.namespace` is an error rather than "default": `flotilla
/// plan` has no current namespace to fall back on, as `kubectl` has, and guessing would bind a
/// workload to a policy in a namespace the user never named.
struct ObjectHeader {
    var reference: ObjectReference
    var metadata: ObjectMeta
    /// A reader at the object's root, for the rest of the decoding.
    var root: FieldReader

    init(_ raw: JSONValue, apiVersion: String, kind: String, namespaced: Bool) throws(PolicyError) {
        let name = raw["metadata"]?["name"]?.stringValue ?? ""
        let namespace = raw["metadata"]?["namespace"]?.stringValue
        let reference = ObjectReference(
            kind: kind, namespace: namespaced ? namespace : nil, name: name.isEmpty ? "<unnamed>" : name)
        let root = FieldReader(object: reference, value: raw)
        guard raw.objectValue != nil else { throw root.error("expected an object, got \(raw.typeName)") }

        let actualVersion = try root.field("apiVersion").string()
        guard actualVersion == apiVersion else {
            throw root.field("apiVersion").error("expected \"\(apiVersion)\", got \(actualVersion.map { "\"\($0)\"" } ?? "nothing")")
        }
        let actualKind = try root.field("kind").string()
        guard actualKind == kind else {
            throw root.field("kind").error("expected \"\(kind)\", got \(actualKind.map { "\"\($0)\"" } ?? "nothing")")
        }

        let metadata = root.field("metadata")
        _ = try metadata.requireObject()
        var meta = ObjectMeta(name: try metadata.field("name").requiredString())
        if namespaced {
            meta.namespace = try metadata.field("namespace").requiredString()
        }
        meta.labels = try metadata.field("labels").stringMap() ?? [:]
        meta.annotations = try metadata.field("annotations").stringMap() ?? [:]
        meta.deletionTimestamp = try metadata.field("deletionTimestamp").timestamp()

        self.reference = reference
        self.metadata = meta
        self.root = root
    }
}
