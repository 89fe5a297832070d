import KubeObjects
import Placement

extension ResourcePolicy {
    /// Reads a ResourcePolicy object of either dialect; errors name the object and field
    /// (`ResourcePolicy default/ack-poc-rp: spec.units[1].max: expected an integer, got string`).
    /// Fields the simulator does not model (preemption, pod labels per unit) are ignored.
    public init(decoding object: JSONValue) throws(PolicyError) {
        let namespace = object[path: ["metadata", "namespace"]]?.stringValue ?? ""
        let name = object[path: ["metadata", "name"]]?.stringValue ?? ""
        let root = FieldReader(
            object: ObjectReference(kind: "ResourcePolicy", namespace: namespace, name: name.isEmpty ? "<unnamed>" : name),
            value: object)
        guard try root.requireObject() != nil else { throw root.error("expected an object") }
        let apiVersion = try root.field("apiVersion").requiredString()
        guard let dialect = Dialect(apiVersion: apiVersion) else {
            let known = Dialect.allCases.map(\.apiVersion).joined(separator: " or ")
            throw root.field("apiVersion").error("unsupported \"\(apiVersion)\": must be \(known)")
        }
        guard try root.field("kind").string() == "ResourcePolicy" else {
            throw root.field("kind").error("must be ResourcePolicy")
        }
        _ = try root.field(path: "metadata", "name").requiredString()
        _ = try root.field(path: "metadata", "namespace").requiredString()
        let spec = root.field("spec")
        guard try spec.requireObject() != nil else { throw spec.error("required field is missing") }
        guard let selector = try spec.field("selector").stringMap(), !selector.isEmpty else {
            throw spec.field("selector").error("must select pods by at least one label")
        }
        let strategyName = try spec.field("strategy").oneOf(Strategy.allCases.map(\.rawValue)) ?? "prefer"
        let units: [PolicyUnit]
        switch dialect {
        case .volcengine: units = try Self.decodeUnits(spec.field("subsets"), dialect: dialect)
        case .alibabacloud: units = try Self.decodeUnits(spec.field("units"), dialect: dialect)
        }
        self.init(
            dialect: dialect, namespace: namespace, name: name, selector: selector,
            strategy: Strategy(rawValue: strategyName) ?? .prefer, units: units)
    }

    private static func decodeUnits(_ list: FieldReader, dialect: Dialect) throws(PolicyError) -> [PolicyUnit] {
        guard let entries = try list.array(), !entries.isEmpty else { throw list.error("at least one unit is required") }
        var units: [PolicyUnit] = []
        for (index, entry) in entries.enumerated() {
            _ = try entry.requireObject()
            let unit: PolicyUnit
            switch dialect {
            case .volcengine:
                unit = PolicyUnit(
                    name: try entry.field("name").requiredString(), resource: try resource(entry.field("type")),
                    max: try cap(entry.field("maxReplicas")),
                    nodeRequirements: try entry.field("nodeSelectorTerm").map(requirement) ?? [])
            case .alibabacloud:
                let selector = try entry.field("nodeSelector").stringMap() ?? [:]
                unit = PolicyUnit(
                    name: "units[\(index)]", resource: try resource(entry.field("resource")),
                    max: try cap(entry.field("max")),
                    nodeRequirements: selector.sorted { $0.key < $1.key }.map {
                        ClusterSelectorRequirement(key: $0.key, operator: .in, values: [$0.value])
                    })
            }
            units.append(unit)
        }
        return units
    }

    private static func resource(_ reader: FieldReader) throws(PolicyError) -> PolicyUnit.Resource {
        guard let name = try reader.oneOf(PolicyUnit.Resource.allCases.map(\.rawValue)),
            let resource = PolicyUnit.Resource(rawValue: name)
        else { throw reader.error("required field is missing") }
        return resource
    }

    private static func cap(_ reader: FieldReader) throws(PolicyError) -> Int? {
        (try reader.nonNegativeInt()).map { Int($0) }
    }

    /// One `nodeSelectorTerm` entry: `{key, operator, values}` with node-affinity operators.
    private static func requirement(_ reader: FieldReader) throws(PolicyError) -> ClusterSelectorRequirement {
        _ = try reader.requireObject()
        let key = try reader.field("key").requiredString()
        let allowed = ["In", "NotIn", "Exists", "DoesNotExist"]
        guard let operatorName = try reader.field("operator").oneOf(allowed),
            let op = ClusterSelectorRequirement.Operator(rawValue: operatorName)
        else { throw reader.field("operator").error("required field is missing") }
        let values = try reader.field("values").strings() ?? []
        switch op {
        case .in, .notIn:
            if values.isEmpty { throw reader.field("values").error("must not be empty for operator \(operatorName)") }
        default:
            if !values.isEmpty { throw reader.field("values").error("must be empty for operator \(operatorName)") }
        }
        return ClusterSelectorRequirement(key: key, operator: op, values: values)
    }
}
