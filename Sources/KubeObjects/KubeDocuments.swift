// STUB: replaced together with the YAML reader.
/// Reading the files users give to `flotilla` and `kubectl`: JSON or YAML streams of objects.
public enum KubeDocuments {
    /// Reads a JSON document or a YAML stream; drops empty documents; unwraps `kind: List` items.
    public static func read(_ text: String, file: String? = nil) throws(SourceError) -> [JSONValue] {
        try [JSONValue(parsing: text, file: file)]
    }
}
