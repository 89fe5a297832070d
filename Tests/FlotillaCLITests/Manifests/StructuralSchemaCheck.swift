import KubeObjects

/// The rules a CRD schema must follow to be *structural*, which kube-apiserver requires of
/// `apiextensions.k8s.io/v1` CRDs, plus the mistakes the server would not report: it decodes a
/// schema into typed fields and silently drops any key it does not know, so a misspelt
/// `requried`, or a YAML flow mapping split by a comma in a description, just vanishes.
///
/// Each problem names the CRD and the field. This is a check of the rules the Flotilla CRDs
/// touch, not a full reimplementation of the server's validation; `make e2e-manifests` applies
/// the same files to a real kube-apiserver.
enum StructuralSchemaCheck {
    /// The schema keywords Kubernetes 1.20 understands and a structural schema may use
    /// (`uniqueItems: true` is forbidden, `x-kubernetes-validations` arrived in 1.23).
    static let keywords: Set<String> = [
        "type", "format", "description", "title", "properties", "additionalProperties", "items", "required",
        "enum", "default", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf",
        "minLength", "maxLength", "pattern", "minItems", "maxItems", "minProperties", "maxProperties",
        "nullable", "anyOf", "example", "x-kubernetes-preserve-unknown-fields", "x-kubernetes-int-or-string",
        "x-kubernetes-embedded-resource", "x-kubernetes-list-type", "x-kubernetes-list-map-keys",
        "x-kubernetes-map-type",
    ]
    static let types: Set<String> = ["object", "array", "string", "integer", "number", "boolean"]

    static func problems(in crd: CRD) -> [String] {
        var found: [String] = []
        for node in crd.schema.subtree {
            found += problems(at: node).map { "\(crd.name): \(node.path): \($0)" }
        }
        found += rootProblems(crd.schema).map { "\(crd.name): \($0)" }
        return found
    }

    private static func problems(at node: SchemaNode) -> [String] {
        var found: [String] = []
        let keys = node.json.objectValue?.keys ?? []
        for key in keys where !keywords.contains(key) { found.append("unknown schema keyword \"\(key)\"") }
        if let type = node.type {
            if !types.contains(type) { found.append("unknown type \"\(type)\"") }
        } else if !node.isIntOrString && !node.preservesUnknownFields {
            found.append("no type (only int-or-string and preserve-unknown-fields nodes may omit it)")
        }
        if node.json["anyOf"] != nil, !(node.isIntOrString && node.json["anyOf"] == [["type": "integer"], ["type": "string"]]) {
            found.append("anyOf is only allowed as [{type: integer}, {type: string}] with x-kubernetes-int-or-string")
        }
        if node.json["properties"] != nil, node.json["additionalProperties"] != nil {
            found.append("properties and additionalProperties are mutually exclusive")
        }
        if node.type == "array", node.items == nil { found.append("an array needs items") }
        if node.json["properties"] != nil {
            let declared = Set(node.properties.map(\.name))
            for name in node.required where !declared.contains(name) {
                found.append("required names \"\(name)\", which is not a declared property")
            }
        }
        if node.json["x-kubernetes-list-type"]?.stringValue == "map" {
            let keys = (node.json["x-kubernetes-list-map-keys"]?.arrayValue ?? []).compactMap(\.stringValue)
            if keys.isEmpty { found.append("x-kubernetes-list-type map needs x-kubernetes-list-map-keys") }
            for key in keys where !(node.items?.required.contains(key) ?? false) && node.items?.property(key)?.defaultValue == nil {
                found.append("list map key \"\(key)\" must be required or defaulted in the items")
            }
        }
        if let defaultValue = node.defaultValue {
            found += mismatches(of: defaultValue, against: node).map { "default \(defaultValue.jsonString): \($0)" }
        }
        return found
    }

    /// Where `value` would fail validation against `node`, after the nested defaults the server
    /// applies inside it; a key the schema does not declare would be pruned, which is a mistake too.
    static func mismatches(of value: JSONValue, against node: SchemaNode) -> [String] {
        let value = node.applyingDefaults(to: value)
        if node.preservesUnknownFields && node.type == nil { return [] }
        if let allowed = node.enumValues, !allowed.contains(value) {
            return ["\(value.jsonString) is not one of \(JSONValue.array(allowed).jsonString)"]
        }
        switch (node.type, value) {
        case ("string", .string), ("boolean", .bool): return []
        case ("integer", .int(let number)), ("number", .int(let number)):
            if let minimum = node.json["minimum"]?.intValue, number < minimum { return ["\(number) is below the minimum \(minimum)"] }
            return []
        case ("number", .double): return []
        case ("array", .array(let elements)):
            guard let items = node.items else { return [] }
            return elements.flatMap { mismatches(of: $0, against: items) }
        case ("object", .object(let object)):
            var found = node.required.filter { !object.contains($0) }.map { "required \"\($0)\" is missing" }
            if let minimum = node.json["minProperties"]?.intValue, object.count < minimum {
                found.append("has \(object.count) properties, fewer than minProperties \(minimum)")
            }
            for (name, member) in object {
                if let child = node.property(name) ?? node.additionalProperties {
                    found += mismatches(of: member, against: child).map { "\(name): \($0)" }
                } else if !node.preservesUnknownFields {
                    found.append("\"\(name)\" is not a declared property and would be pruned")
                }
            }
            return found
        default:
            return ["\(value.typeName) where the schema says \(node.type ?? "nothing")"]
        }
    }

    /// The root must be an object; `metadata` may only restrict `name` and `generateName`.
    private static func rootProblems(_ root: SchemaNode) -> [String] {
        var found: [String] = []
        if root.type != "object" { found.append("the root schema must be of type object") }
        if let metadata = root.property("metadata") {
            for (name, _) in metadata.properties where name != "name" && name != "generateName" {
                found.append("metadata.\(name): only metadata.name and metadata.generateName may be restricted")
            }
            for key in metadata.json.objectValue?.keys ?? [] where !["type", "properties", "description"].contains(key) {
                found.append("metadata: \"\(key)\" is not allowed on metadata")
            }
        }
        return found
    }

    /// Whether a printer column's JSONPath (`.status.conditions[?(@.type=='Ready')].status`)
    /// names a field the schema declares; anything under `metadata` counts, since the server
    /// knows ObjectMeta.
    static func resolves(_ jsonPath: String, in root: SchemaNode) -> Bool {
        let simplified = jsonPath.replacing(/\[[^\]]*\]/, with: "[]")
        var node = root
        for segment in simplified.split(separator: ".") {
            let isList = segment.hasSuffix("[]")
            let name = String(isList ? segment.dropLast(2) : segment)
            if node.steps == [.property("metadata")] { return true }
            guard let next = node.property(name) else { return false }
            node = next
            if isList {
                guard let items = node.items else { return false }
                node = items
            }
        }
        return true
    }
}
