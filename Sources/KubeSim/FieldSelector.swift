import KubeObjects

/// A parsed `fieldSelector`: `metadata.name`, `metadata.namespace`, and the string fields a real
/// server supports for some kinds (`status.phase` of a Pod, say), with `=`, `==`, `!=`.
///
/// Any other field is a 400, as on a real server, so a test never passes on a filter the
/// simulator silently ignored.
struct FieldSelector: Sendable, Equatable {
    struct Requirement: Sendable, Equatable {
        var path: [String]
        var value: String
        var negated: Bool
    }

    var requirements: [Requirement]

    static let everything = FieldSelector(requirements: [])

    init(requirements: [Requirement]) {
        self.requirements = requirements
    }

    /// The kind-specific field labels, as kube-apiserver registers them (string fields only).
    static let kindFields: [String: Set<String>] = [
        "Pod": [
            "spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName", "status.phase",
            "status.podIP", "status.nominatedNodeName",
        ],
        "Namespace": ["status.phase"],
        "Secret": ["type"],
        "Event": [
            "involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid",
            "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason",
            "reportingComponent", "type",
        ],
    ]

    /// - Parameter kind: the kind listed or watched, which decides the fields beyond `metadata`.
    init(parsing text: String, kind: String = "") throws(StatusError) {
        var requirements: [Requirement] = []
        for clause in text.split(separator: ",").map({ String($0).trimmingSpaces }) where !clause.isEmpty {
            var negated = false
            var parts: [String]
            if let range = clause.range(of: "!=") {
                negated = true
                parts = [String(clause[..<range.lowerBound]), String(clause[range.upperBound...])]
            } else if let range = clause.range(of: "==") ?? clause.range(of: "=") {
                parts = [String(clause[..<range.lowerBound]), String(clause[range.upperBound...])]
            } else {
                throw StatusError(.badRequest, "invalid field selector: \"\(clause)\"")
            }
            let field = parts[0].trimmingSpaces
            guard field == "metadata.name" || field == "metadata.namespace" || Self.kindFields[kind]?.contains(field) == true
            else {
                throw StatusError(.badRequest, "field label not supported: \(field)")
            }
            requirements.append(
                Requirement(path: field.split(separator: ".").map(String.init), value: parts[1].trimmingSpaces,
                    negated: negated))
        }
        self.requirements = requirements
    }

    func matches(_ object: JSONValue) -> Bool {
        requirements.allSatisfy { requirement in
            let actual = object[path: requirement.path]?.stringValue ?? ""
            return (actual == requirement.value) != requirement.negated
        }
    }
}
