import KubeObjects

/// One of the CustomResourceDefinitions in `manifests/crds/`, with the parts the tests look at.
/// The Flotilla CRDs declare exactly one version, `v1alpha1`.
struct CRD {
    struct Invalid: Error, CustomStringConvertible {
        var description: String
    }

    let definition: JSONValue
    let name: String
    let kind: String
    let version: JSONValue
    let schema: SchemaNode

    init(_ definition: JSONValue) throws {
        self.definition = definition
        name = definition[path: ["metadata", "name"]]?.stringValue ?? ""
        kind = definition[path: ["spec", "names", "kind"]]?.stringValue ?? ""
        let versions = definition[path: ["spec", "versions"]]?.arrayValue ?? []
        guard versions.count == 1, let only = versions.first else {
            throw Invalid(description: "\(name): expected exactly one version, found \(versions.count)")
        }
        version = only
        guard let root = only[path: ["schema", "openAPIV3Schema"]] else {
            throw Invalid(description: "\(name): no schema.openAPIV3Schema")
        }
        schema = SchemaNode(root)
    }

    var group: String { definition[path: ["spec", "group"]]?.stringValue ?? "" }
    var scope: String { definition[path: ["spec", "scope"]]?.stringValue ?? "" }
    var plural: String { definition[path: ["spec", "names", "plural"]]?.stringValue ?? "" }
    var shortNames: [String] { (definition[path: ["spec", "names", "shortNames"]]?.arrayValue ?? []).compactMap(\.stringValue) }
    var namespaced: Bool { scope == "Namespaced" }
    var hasStatusSubresource: Bool { version[path: ["subresources", "status"]]?.objectValue != nil }

    /// Name, JSONPath and type of each additional printer column, in order.
    var printerColumns: [(name: String, jsonPath: String, type: String)] {
        (version["additionalPrinterColumns"]?.arrayValue ?? []).map {
            ($0["name"]?.stringValue ?? "", $0["jsonPath"]?.stringValue ?? "", $0["type"]?.stringValue ?? "")
        }
    }

    /// A minimal object of this kind named `name` (in `default` when namespaced), holding the
    /// smallest valid `spec`: only what the schema requires.
    func minimalObject(name objectName: String = "minimal") -> JSONValue {
        var metadata: JSONValue = ["name": .string(objectName)]
        if namespaced { metadata["namespace"] = "default" }
        var object: JSONValue = ["apiVersion": .string("\(group)/v1alpha1"), "kind": .string(kind), "metadata": metadata]
        if let spec = schema.property("spec") { object["spec"] = spec.minimalInstance() }
        return object
    }
}

/// One node of an `openAPIV3Schema`, with the steps from the root that lead to it, so that
/// messages can name the field (`spec.placement[].preferences.weight`).
struct SchemaNode {
    enum Step: Hashable {
        case property(String)
        /// An element of an array (`items`).
        case item
        /// A value of a map (`additionalProperties`).
        case mapValue
    }

    let json: JSONValue
    let steps: [Step]

    init(_ json: JSONValue, steps: [Step] = []) {
        self.json = json
        self.steps = steps
    }

    /// `spec.placement[].cluster`; map values read `[*]`; the root is `<root>`.
    var path: String {
        guard !steps.isEmpty else { return "<root>" }
        var text = ""
        for step in steps {
            switch step {
            case .property(let name): text += text.isEmpty ? name : ".\(name)"
            case .item: text += "[]"
            case .mapValue: text += "[*]"
            }
        }
        return text
    }

    var type: String? { json["type"]?.stringValue }
    var defaultValue: JSONValue? { json["default"] }
    var enumValues: [JSONValue]? { json["enum"]?.arrayValue }
    var required: [String] { (json["required"]?.arrayValue ?? []).compactMap(\.stringValue) }
    var preservesUnknownFields: Bool { json["x-kubernetes-preserve-unknown-fields"]?.boolValue == true }
    var isIntOrString: Bool { json["x-kubernetes-int-or-string"]?.boolValue == true }

    /// Declared properties, in the order the file lists them.
    var properties: [(name: String, node: SchemaNode)] {
        (json["properties"]?.objectValue?.entries ?? []).map { ($0.key, child($0.value, .property($0.key))) }
    }

    func property(_ name: String) -> SchemaNode? {
        json["properties"]?[name].map { child($0, .property(name)) }
    }

    var items: SchemaNode? { json["items"].map { child($0, .item) } }

    var additionalProperties: SchemaNode? {
        json["additionalProperties"].flatMap { $0.objectValue != nil ? child($0, .mapValue) : nil }
    }

    /// This node and every node below it (properties, items, map values), depth first.
    var subtree: [SchemaNode] {
        [self] + properties.flatMap(\.node.subtree) + (items?.subtree ?? []) + (additionalProperties?.subtree ?? [])
    }

    private func child(_ json: JSONValue, _ step: Step) -> SchemaNode {
        SchemaNode(json, steps: steps + [step])
    }
}

extension SchemaNode {
    /// `value` with this schema's defaults filled in, as kube-apiserver's structural defaulting
    /// does: top-down, an absent property with a default gets a copy of it, and the defaults of
    /// the properties below are then applied inside that copy too, recursively, through objects,
    /// array elements and map values.
    func applyingDefaults(to value: JSONValue) -> JSONValue {
        switch value {
        case .object(var object):
            for (name, node) in properties where !object.contains(name) {
                if let defaultValue = node.defaultValue { object[name] = defaultValue }
            }
            for (name, member) in object {
                if let node = property(name) ?? additionalProperties {
                    object[name] = node.applyingDefaults(to: member)
                }
            }
            return .object(object)
        case .array(let elements):
            guard let items else { return value }
            return .array(elements.map(items.applyingDefaults(to:)))
        default:
            return value
        }
    }

    /// The smallest value this node accepts: an object with its required properties only (each
    /// minimal in turn), an empty array or map, the first enum value, `"x"` (a required string
    /// must not be empty), the minimum or `0`, or `false`.
    func minimalInstance() -> JSONValue {
        if let first = enumValues?.first { return first }
        switch type {
        case "object":
            var object = JSONObject()
            for name in required {
                if let node = property(name) { object[name] = node.minimalInstance() }
            }
            return .object(object)
        case "array": return []
        case "integer", "number": return .int(json["minimum"]?.intValue ?? 0)
        case "boolean": return false
        default: return "x"
        }
    }

    /// Extends `value` (an instance of this node) so that the field `steps` leads to can be set:
    /// missing objects on the way are minimal instances, an empty array on the way gets one
    /// minimal element (the first is followed), and the field itself is removed.
    func instance(_ value: JSONValue, reaching steps: ArraySlice<Step>) -> JSONValue {
        guard let step = steps.first else { return value }
        let rest = steps.dropFirst()
        switch step {
        case .property(let name):
            guard let node = property(name), case .object(var object) = value else { return value }
            if rest.isEmpty {
                object.removeValue(forKey: name)
            } else {
                object[name] = node.instance(value[name] ?? node.minimalInstance(), reaching: rest)
            }
            return .object(object)
        case .item:
            guard let items, !rest.isEmpty else { return value }
            var elements = value.arrayValue ?? []
            if elements.isEmpty { elements.append(items.minimalInstance()) }
            elements[0] = items.instance(elements[0], reaching: rest)
            return .array(elements)
        case .mapValue:
            guard let additionalProperties, !rest.isEmpty else { return value }
            var result = value
            result["key"] = additionalProperties.instance(value["key"] ?? additionalProperties.minimalInstance(), reaching: rest)
            return result
        }
    }
}
