import KubeObjects

extension JSONPatchOverrider {
    /// Applies the operation to the working copy, all or nothing, with RFC 6902 semantics —
    /// `remove` and `replace` need the target, `test` compares values — with one allowance for
    /// `add`: missing parent *objects* on its path are created empty first (never arrays).
    ///
    /// Why: an API server drops empty maps when it stores a built-in object, so the scenario's
    /// `template.metadata.annotations: {}` is gone from the Deployment the controller reads, and
    /// the overrider `add /spec/template/metadata/annotations/…` written against that YAML would
    /// otherwise fail with "path does not exist" on a real host while working in `flotilla plan`.
    func apply(to object: inout JSONValue) throws(OverriderFailure) {
        do {
            var document = object
            if operation.kind == .add {
                Self.createMissingParentObjects(Array(operation.path.tokens.dropLast()), in: &document)
            }
            object = try JSONPatch([operation]).apply(to: document)
        } catch {
            let path = self.path.isRoot ? #""""# : self.path.description
            throw OverriderFailure("\(self.operator.rawValue) \(path): \(error.message)")
        }
    }

    /// Creates `{}` at each missing step of `tokens` whose container is an object; stops at an
    /// array, a scalar or the first step that exists as something other than an object.
    static func createMissingParentObjects(_ tokens: [String], in value: inout JSONValue) {
        guard let first = tokens.first, var object = value.objectValue else { return }
        var child = object[first] ?? .object(JSONObject())
        guard child.objectValue != nil else { return }
        createMissingParentObjects(Array(tokens.dropFirst()), in: &child)
        object[first] = child
        value = .object(object)
    }
}
