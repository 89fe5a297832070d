import KubeObjects

extension JSONPatchOverrider {
    /// Applies the operation to the working copy, all or nothing, with RFC 6902 semantics: `add`
    /// needs the parent to exist, `remove` and `replace` need the target, `test` compares values.
    func apply(to object: inout JSONValue) throws(OverriderFailure) {
        do {
            object = try JSONPatch([operation]).apply(to: object)
        } catch {
            let path = self.path.isRoot ? #""""# : self.path.description
            throw OverriderFailure("\(self.operator.rawValue) \(path): \(error.message)")
        }
    }
}
