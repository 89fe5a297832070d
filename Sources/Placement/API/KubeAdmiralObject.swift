import KubeObjects

/// The header every `core.kubeadmiral.io/v1alpha1` object shares: `apiVersion`, `kind`,
/// `metadata.name` and, for namespaced kinds, `metadata.namespace`.
///
/// Checking the header first gives every later error an object reference to name, so a message
/// reads `OverridePolicy default/fed-op: spec.overrideRules[0]…` rather than pointing nowhere.
enum KubeAdmiralObject {
    /// The only served and storage version of KubeAdmiral's API (kubeadmiral-api.md §1).
    static let apiVersion = "core.kubeadmiral.io/v1alpha1"

    /// Checks the header of `raw` and returns a reader at its root, whose errors name the object.
    ///
    /// A cluster-scoped kind ignores `metadata.namespace`, as the API server clears it on create.
    static func reader(for raw: JSONValue, kind: String, namespaced: Bool) throws(PolicyError) -> FieldReader {
        let unnamed = ObjectReference(kind: kind, name: "<unnamed>")
        guard raw.objectValue != nil else {
            throw PolicyError(object: unnamed, field: "", message: "expected an object, got \(raw.typeName)")
        }
        // Read the name leniently first, so that even header errors can say which object is wrong.
        let metadata = FieldReader(object: unnamed, value: raw).field("metadata")
        let name = (try? metadata.field("name").string()) ?? nil
        let namespace = namespaced ? ((try? metadata.field("namespace").string()) ?? nil) : nil
        let reference = ObjectReference(
            kind: kind, namespace: namespace, name: name.flatMap { $0.isEmpty ? nil : $0 } ?? "<unnamed>")
        let root = FieldReader(object: reference, value: raw)

        let version = try root.field("apiVersion").requiredString()
        guard version == apiVersion else {
            throw root.field("apiVersion").error("expected \"\(apiVersion)\", got \"\(version)\"")
        }
        let actualKind = try root.field("kind").requiredString()
        guard actualKind == kind else {
            throw root.field("kind").error("expected \"\(kind)\", got \"\(actualKind)\"")
        }
        _ = try root.field("metadata").requireObject()
        _ = try root.field(path: "metadata", "name").requiredString()
        if namespaced {
            _ = try root.field(path: "metadata", "namespace").requiredString()
        }
        return root
    }
}
