import KubeObjects

/// A parsed `fieldSelector`: only `metadata.name` and `metadata.namespace`, with `=`, `==`, `!=`.
///
/// Real servers support a few more fields per kind; asking for one of those here is a 400, so a
/// test never passes on a filter the simulator silently ignored.
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

    init(parsing text: String) throws(StatusError) {
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
            guard field == "metadata.name" || field == "metadata.namespace" else {
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
