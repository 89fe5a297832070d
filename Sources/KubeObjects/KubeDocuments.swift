/// Reading the files users give to `flotilla` and `kubectl`: JSON or YAML streams of objects.
public enum KubeDocuments {
    /// Reads a JSON document or a YAML stream into the objects it holds.
    ///
    /// This mirrors what kubectl does with `-f`, so that a file that works with `kubectl apply`
    /// works with `flotilla plan` and means the same objects:
    /// - text whose first non-blank character is `{` or `[` is one JSON document (kubectl sniffs
    ///   the same way, so JSON keeps JSON's rules, such as its error messages and number syntax);
    /// - anything else is a YAML stream, one object per `---` document;
    /// - empty documents (a trailing `---`, a file of comments) are dropped, since they hold no object;
    /// - a list object (`kind: List`, `DeploymentList`, anything whose kind ends in `List` and
    ///   that has an `items` array) stands for its items, which is how `kubectl get -o yaml`
    ///   output is fed back in.
    public static func read(_ text: String, file: String? = nil) throws(SourceError) -> [JSONValue] {
        let documents: [JSONValue]
        if startsLikeJSON(text) {
            documents = [try JSONValue(parsing: text, file: file)]
        } else {
            documents = try JSONValue.yamlDocuments(text, file: file)
        }
        var objects: [JSONValue] = []
        for document in documents where !document.isNull {
            if let kind = document["kind"]?.stringValue, kind.hasSuffix("List"),
                let items = document["items"]?.arrayValue
            {
                objects += items
            } else {
                objects.append(document)
            }
        }
        return objects
    }

    /// Whether the first character that is not whitespace or a byte-order mark opens a JSON
    /// object or array.
    static func startsLikeJSON(_ text: String) -> Bool {
        for scalar in text.unicodeScalars {
            switch scalar {
            case " ", "\t", "\n", "\r", "\u{FEFF}": continue
            case "{", "[": return true
            default: return false
            }
        }
        return false
    }
}
