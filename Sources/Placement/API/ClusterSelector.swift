/// One requirement of a `ClusterSelectorTerm`: `{key, operator, values}`.
public struct ClusterSelectorRequirement: Sendable, Hashable {
    public enum Operator: String, Sendable, Hashable, CaseIterable {
        case `in` = "In"
        case notIn = "NotIn"
        case exists = "Exists"
        case doesNotExist = "DoesNotExist"
        case greaterThan = "Gt"
        case lessThan = "Lt"
    }

    public var key: String
    public var `operator`: Operator
    public var values: [String]

    public init(key: String, operator: Operator, values: [String] = []) {
        self.key = key
        self.operator = `operator`
        self.values = values
    }

    /// Label semantics, as for node affinity: `NotIn` and `DoesNotExist` match a missing label;
    /// `Gt`/`Lt` compare the label and the single value as integers and fail on a non-integer label.
    public func matches(labels: [String: String]) -> Bool {
        let label = labels[key]
        switch self.operator {
        case .in: return label.map(values.contains) ?? false
        case .notIn: return label.map { !values.contains($0) } ?? true
        case .exists: return label != nil
        case .doesNotExist: return label == nil
        case .greaterThan, .lessThan:
            guard let label, let actual = Int64(label), let bound = values.first.flatMap({ Int64($0) }) else {
                return false
            }
            return self.operator == .greaterThan ? actual > bound : actual < bound
        }
    }

    /// Field semantics: only `metadata.name`, only `In`/`NotIn` (checked when decoding).
    public func matches(clusterName: String) -> Bool {
        switch self.operator {
        case .in: return values.contains(clusterName)
        case .notIn: return !values.contains(clusterName)
        default: return false
        }
    }

    static func decode(_ reader: FieldReader, isField: Bool) throws(PolicyError) -> ClusterSelectorRequirement {
        _ = try reader.requireObject()
        let key = try reader.field("key").requiredString()
        let operatorName = try reader.field("operator").requiredString()
        guard let op = Operator(rawValue: operatorName) else {
            let allowed = Operator.allCases.map(\.rawValue).joined(separator: ", ")
            throw reader.field("operator").error("unsupported operator \"\(operatorName)\": must be one of \(allowed)")
        }
        let values = try reader.field("values").strings() ?? []
        let valuesField = reader.field("values")
        if isField {
            guard key == "metadata.name" else {
                throw reader.field("key").error("matchFields supports only metadata.name, got \"\(key)\"")
            }
            guard op == .in || op == .notIn else {
                throw reader.field("operator").error("matchFields supports only In and NotIn")
            }
            guard values.count == 1 else { throw valuesField.error("matchFields needs exactly one value") }
        }
        switch op {
        case .in, .notIn:
            if values.isEmpty { throw valuesField.error("must not be empty for operator \(operatorName)") }
        case .exists, .doesNotExist:
            if !values.isEmpty { throw valuesField.error("must be empty for operator \(operatorName)") }
        case .greaterThan, .lessThan:
            guard values.count == 1, Int64(values[0]) != nil else {
                throw valuesField.error("must be a single integer for operator \(operatorName)")
            }
        }
        return ClusterSelectorRequirement(key: key, operator: op, values: values)
    }
}

/// One term of `clusterAffinity`: its expressions (on labels) and fields (on the name) are ANDed.
public struct ClusterSelectorTerm: Sendable, Hashable {
    public var matchExpressions: [ClusterSelectorRequirement]
    public var matchFields: [ClusterSelectorRequirement]

    public init(matchExpressions: [ClusterSelectorRequirement] = [], matchFields: [ClusterSelectorRequirement] = []) {
        self.matchExpressions = matchExpressions
        self.matchFields = matchFields
    }

    /// A term with no requirements matches nothing: KubeAdmiral skips it rather than letting it
    /// select every cluster.
    public func matches(clusterName: String, labels: [String: String]) -> Bool {
        if matchExpressions.isEmpty && matchFields.isEmpty { return false }
        return matchExpressions.allSatisfy { $0.matches(labels: labels) }
            && matchFields.allSatisfy { $0.matches(clusterName: clusterName) }
    }

    static func decode(_ reader: FieldReader) throws(PolicyError) -> ClusterSelectorTerm {
        _ = try reader.requireObject()
        let expressions = try reader.field("matchExpressions").map { (element) throws(PolicyError) in
            try ClusterSelectorRequirement.decode(element, isField: false)
        }
        let fields = try reader.field("matchFields").map { (element) throws(PolicyError) in
            try ClusterSelectorRequirement.decode(element, isField: true)
        }
        return ClusterSelectorTerm(matchExpressions: expressions ?? [], matchFields: fields ?? [])
    }

    /// Decodes a `clusterAffinity` list (absent reads as empty).
    static func decodeList(_ reader: FieldReader) throws(PolicyError) -> [ClusterSelectorTerm] {
        try reader.map { (element) throws(PolicyError) in try decode(element) } ?? []
    }
}

extension Array where Element == ClusterSelectorTerm {
    /// Terms are ORed; an empty list selects every cluster.
    public func matches(clusterName: String, labels: [String: String]) -> Bool {
        isEmpty || contains { $0.matches(clusterName: clusterName, labels: labels) }
    }
}

extension Dictionary where Key == String, Value == String {
    /// Equality label selector (`clusterSelector`): every pair must be present; empty selects all.
    public func selects(labels: [String: String]) -> Bool {
        allSatisfy { labels[$0.key] == $0.value }
    }
}
