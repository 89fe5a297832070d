// STUB: replaced by the YAML writer.
extension JSONValue {
    /// Block-style YAML that reads back (with `yamlDocuments`) as the same value.
    public var yamlString: String { jsonString }
}
