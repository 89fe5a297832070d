extension FieldReader {
    /// A string field that must name a case of `E`, such as an operator.
    ///
    /// Absent, `null` and `""` read as `defaultValue`: the API server writes the CRD default for an
    /// absent field, and KubeAdmiral's controllers treat `""` the same way. With no default, they
    /// are an error like any other unsupported value. `noun` names the field in messages
    /// (`unsupported operator "add": must be one of …`).
    func enumValue<E: RawRepresentable & CaseIterable>(
        _ type: E.Type, noun: String, default defaultValue: E?
    ) throws(PolicyError) -> E where E.RawValue == String {
        let text = try string() ?? ""
        if text.isEmpty, let defaultValue { return defaultValue }
        guard let value = E(rawValue: text) else {
            let allowed = E.allCases.map(\.rawValue).joined(separator: ", ")
            throw error("unsupported \(noun) \"\(text)\": must be one of \(allowed)")
        }
        return value
    }
}
