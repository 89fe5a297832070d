import KubeObjects

/// A parsed `labelSelector` query parameter: requirements that must all hold.
///
/// Implements the string syntax of the API (`a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`,
/// `a`, `!a`). As on a real server, `!=` and `notin` also match objects that lack the label.
struct LabelSelector: Sendable, Equatable {
    enum Requirement: Sendable, Equatable {
        case equals(String, String)
        case notEquals(String, String)
        case isIn(String, Set<String>)
        case notIn(String, Set<String>)
        case exists(String)
        case doesNotExist(String)

        func matches(_ labels: [String: String]) -> Bool {
            switch self {
            case let .equals(key, value): return labels[key] == value
            case let .notEquals(key, value): return labels[key] != value
            case let .isIn(key, values): return labels[key].map(values.contains) ?? false
            case let .notIn(key, values): return labels[key].map { !values.contains($0) } ?? true
            case let .exists(key): return labels[key] != nil
            case let .doesNotExist(key): return labels[key] == nil
            }
        }
    }

    var requirements: [Requirement]

    static let everything = LabelSelector(requirements: [])

    init(requirements: [Requirement]) {
        self.requirements = requirements
    }

    /// Parses the query-parameter form; a malformed selector is a 400, as on a real server.
    init(parsing text: String) throws(StatusError) {
        var requirements: [Requirement] = []
        for clause in Self.splitClauses(text) {
            let trimmed = clause.trimmingSpaces
            if trimmed.isEmpty { continue }
            requirements.append(try Self.requirement(trimmed))
        }
        self.requirements = requirements
    }

    func matches(_ object: JSONValue) -> Bool {
        let labels = object.labels
        return requirements.allSatisfy { $0.matches(labels) }
    }

    /// Splits on commas outside parentheses, so `a in (x,y),b` gives two clauses.
    private static func splitClauses(_ text: String) -> [String] {
        var clauses: [String] = []
        var current = ""
        var depth = 0
        for character in text {
            switch character {
            case "(": depth += 1; current.append(character)
            case ")": depth -= 1; current.append(character)
            case "," where depth == 0: clauses.append(current); current = ""
            default: current.append(character)
            }
        }
        clauses.append(current)
        return clauses
    }

    private static func requirement(_ clause: String) throws(StatusError) -> Requirement {
        let invalid = StatusError(.badRequest, "unable to parse requirement: invalid label selector \"\(clause)\"")
        if clause.hasPrefix("!") {
            let key = String(clause.dropFirst()).trimmingSpaces
            guard isValidKey(key) else { throw invalid }
            return .doesNotExist(key)
        }
        for (operatorText, isEquals) in [("!=", false), ("==", true), ("=", true)] {
            if let range = clause.range(of: operatorText) {
                let key = String(clause[..<range.lowerBound]).trimmingSpaces
                let value = String(clause[range.upperBound...]).trimmingSpaces
                guard isValidKey(key), !value.contains("=") else { throw invalid }
                return isEquals ? .equals(key, value) : .notEquals(key, value)
            }
        }
        let words = clause.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true).map(String.init)
        if words.count == 1 {
            guard isValidKey(words[0]) else { throw invalid }
            return .exists(words[0])
        }
        guard words.count == 3, isValidKey(words[0]), words[2].hasPrefix("("), words[2].hasSuffix(")") else {
            throw invalid
        }
        let values = Set(words[2].dropFirst().dropLast().split(separator: ",").map { String($0).trimmingSpaces })
        switch words[1] {
        case "in": return .isIn(words[0], values)
        case "notin": return .notIn(words[0], values)
        default: throw invalid
        }
    }

    private static func isValidKey(_ key: String) -> Bool {
        !key.isEmpty && key.allSatisfy { $0.isLetter || $0.isNumber || "-_./".contains($0) }
    }
}

extension String {
    var trimmingSpaces: String {
        var scalars = Substring(self)
        while scalars.first == " " { scalars.removeFirst() }
        while scalars.last == " " { scalars.removeLast() }
        return String(scalars)
    }
}
