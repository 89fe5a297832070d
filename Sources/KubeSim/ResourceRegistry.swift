import KubeObjects

/// The resource types currently served, looked up the ways URLs and objects name them.
///
/// A value type owned by the store, so that registering a CRD and storing it happen in the same
/// step: a client that sees the CRD created can use its resource on the next request.
struct ResourceRegistry: Sendable {
    private(set) var types: [ResourceType] = []

    init(_ types: [ResourceType] = ResourceType.builtIns) {
        for type in types { register(type) }
    }

    mutating func register(_ type: ResourceType) {
        types.removeAll { $0.group == type.group && $0.version == type.version && $0.plural == type.plural }
        types.append(type)
    }

    mutating func unregister(group: String, plural: String) {
        types.removeAll { $0.group == group && $0.plural == plural }
    }

    func lookup(group: String, version: String, plural: String) -> ResourceType? {
        types.first { $0.group == group && $0.version == version && $0.plural == plural }
    }

    /// Served groups in registration order (the core group, `""`, first), each with its versions.
    var groups: [(group: String, versions: [String])] {
        var result: [(group: String, versions: [String])] = []
        for type in types {
            if let index = result.firstIndex(where: { $0.group == type.group }) {
                if !result[index].versions.contains(type.version) { result[index].versions.append(type.version) }
            } else {
                result.append((type.group, [type.version]))
            }
        }
        return result
    }

    func types(group: String, version: String) -> [ResourceType] {
        types.filter { $0.group == group && $0.version == version }
    }
}

extension ResourceType {
    /// The types a CustomResourceDefinition declares, one per served version, or why it is invalid.
    ///
    /// Checks what a client would notice if it were wrong: the name must be `plural.group`, the
    /// scope must be `Namespaced` or `Cluster`, and at least one version must be served.
    static func declared(by definition: JSONValue) throws(StatusError) -> [ResourceType] {
        let name = definition[path: ["metadata", "name"]]?.stringValue ?? ""
        func invalid(_ why: String) -> StatusError {
            StatusError(.invalid, "CustomResourceDefinition.apiextensions.k8s.io \"\(name)\" is invalid: \(why)",
                name: name, kind: "CustomResourceDefinition", group: "apiextensions.k8s.io")
        }
        guard let spec = definition["spec"], spec.objectValue != nil else { throw invalid("spec: Required value") }
        guard let group = spec["group"]?.stringValue, !group.isEmpty else {
            throw invalid("spec.group: Required value")
        }
        guard let plural = spec[path: ["names", "plural"]]?.stringValue, !plural.isEmpty else {
            throw invalid("spec.names.plural: Required value")
        }
        guard let kind = spec[path: ["names", "kind"]]?.stringValue, !kind.isEmpty else {
            throw invalid("spec.names.kind: Required value")
        }
        guard name == "\(plural).\(group)" else {
            throw invalid("metadata.name: Invalid value: \"\(name)\": must be spec.names.plural+\".\"+spec.group")
        }
        let scope = spec["scope"]?.stringValue
        guard scope == "Namespaced" || scope == "Cluster" else {
            throw invalid("spec.scope: Unsupported value: \"\(scope ?? "")\": supported values: \"Cluster\", \"Namespaced\"")
        }
        let versions = (spec["versions"]?.arrayValue ?? []).filter { $0["served"]?.boolValue ?? true }
        guard !versions.isEmpty else { throw invalid("spec.versions: Invalid value: must have exactly one version marked as storage version") }
        let singular = spec[path: ["names", "singular"]]?.stringValue ?? kind.lowercased()
        let shortNames = (spec[path: ["names", "shortNames"]]?.arrayValue ?? []).compactMap(\.stringValue)
        return versions.compactMap { version -> ResourceType? in
            guard let versionName = version["name"]?.stringValue else { return nil }
            let subresources = version["subresources"]
            var scale: ScalePaths?
            if let declared = subresources?["scale"], declared.objectValue != nil {
                scale = ScalePaths(
                    specReplicas: Self.fieldPath(declared["specReplicasPath"]?.stringValue ?? ".spec.replicas"),
                    statusReplicas: Self.fieldPath(declared["statusReplicasPath"]?.stringValue ?? ".status.replicas"),
                    labelSelector: declared["labelSelectorPath"]?.stringValue.map(Self.fieldPath))
            }
            var type = ResourceType(
                group: group, version: versionName, plural: plural, singular: singular, kind: kind,
                namespaced: scope == "Namespaced", shortNames: shortNames,
                hasStatusSubresource: subresources?["status"] != nil, scale: scale)
            type.printerColumns = PrinterColumn.declared(by: version)
            return type
        }
    }

    /// `.spec.replicas` → `["spec", "replicas"]`: CRDs name scale fields with this simple JSON path form.
    private static func fieldPath(_ text: String) -> [String] {
        text.split(separator: ".").map(String.init)
    }
}
