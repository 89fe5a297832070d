import KubeObjects
import Placement

/// Decoding the configuration's fields, with a `FieldReader` so that every error names its field.
extension FederationConfig {
    /// `notePolicyFile(member index, file name, field path)` collects the ResourcePolicy files to
    /// read once the whole configuration has been checked.
    static func decode(_ root: FieldReader, notePolicyFile: (Int, String, String) -> Void) throws(PolicyError)
        -> FederationConfig
    {
        guard try root.requireObject() != nil else { throw root.error("the file is empty") }
        var host: HostConfig?
        if try root.field("host").requireObject() != nil {
            let reader = root.field("host")
            let name = try reader.field("name").requiredString()
            host = HostConfig(
                name: name, displayName: try reader.field("displayName").string() ?? name,
                region: try reader.field("region").string() ?? "")
        }
        guard let entries = try root.field("members").array(), !entries.isEmpty else {
            throw root.field("members").error("at least one member cluster is required")
        }
        var members: [MemberConfig] = []
        for (index, entry) in entries.enumerated() {
            let member = try decodeMember(entry)
            if members.contains(where: { $0.name == member.name }) {
                throw entry.field("name").error("duplicate member name \"\(member.name)\"")
            }
            for (fileIndex, file) in (try entry.field("resourcePolicies").strings() ?? []).enumerated() {
                notePolicyFile(index, file, "\(entry.path).resourcePolicies[\(fileIndex)]")
            }
            members.append(member)
        }
        return FederationConfig(host: host, members: members)
    }

    private static func decodeMember(_ reader: FieldReader) throws(PolicyError) -> MemberConfig {
        _ = try reader.requireObject()
        let name = try reader.field("name").requiredString()
        guard let entries = try reader.field("pools").array(), !entries.isEmpty else {
            throw reader.field("pools").error("at least one node pool is required")
        }
        var pools: [NodePoolConfig] = []
        for entry in entries {
            let pool = try decodePool(entry)
            if pools.contains(where: { $0.name == pool.name }) {
                throw entry.field("name").error("duplicate pool name \"\(pool.name)\"")
            }
            pools.append(pool)
        }
        return MemberConfig(
            name: name, displayName: try reader.field("displayName").string() ?? name,
            region: try reader.field("region").requiredString(), labels: try reader.field("labels").stringMap() ?? [:],
            pools: pools)
    }

    private static func decodePool(_ reader: FieldReader) throws(PolicyError) -> NodePoolConfig {
        _ = try reader.requireObject()
        let name = try reader.field("name").requiredString()
        guard let roleName = try reader.field("role").oneOf(PoolRole.allCases.map(\.rawValue)),
            let role = PoolRole(rawValue: roleName)
        else { throw reader.field("role").error("required field is missing") }
        let labels = try reader.field("nodeLabels").stringMap() ?? [:]
        if role == .elastic {
            for field in ["nodes", "minNodes", "maxNodes"] where reader.field(field).isPresent {
                throw reader.field(field).error("an elastic pool has one virtual-kubelet node per zone; use zones")
            }
            let zones = try reader.field("zones").strings() ?? ["a"]
            guard !zones.isEmpty, zones.allSatisfy({ !$0.isEmpty }) else {
                throw reader.field("zones").error("must list at least one non-empty zone")
            }
            let shape = reader.field("node").isPresent ? try decodeShape(reader.field("node")) : .unlimited
            return NodePoolConfig(
                name: name, role: role, nodeLabels: labels, node: shape, size: .fixed(zones.count), zones: zones)
        }
        if reader.field("zones").isPresent { throw reader.field("zones").error("only elastic pools have zones") }
        return NodePoolConfig(
            name: name, role: role, nodeLabels: labels, node: try decodeShape(reader.field("node")),
            size: try decodeSize(reader))
    }

    private static func decodeShape(_ reader: FieldReader) throws(PolicyError) -> NodeShape {
        guard try reader.requireObject() != nil else { throw reader.error("required field is missing") }
        guard let gpus = try reader.field("gpus").nonNegativeInt() else {
            throw reader.field("gpus").error("required field is missing")
        }
        return NodeShape(
            gpus: gpus, cpu: try quantity(reader.field("cpu")), memory: try quantity(reader.field("memory")),
            pods: try reader.field("pods").nonNegativeInt() ?? 110)
    }

    private static func quantity(_ reader: FieldReader) throws(PolicyError) -> Quantity {
        guard let value = reader.value, !value.isNull else { throw reader.error("required field is missing") }
        guard let quantity = Quantity(json: value), quantity.milliValue >= 0 else {
            throw reader.error("invalid quantity \(value.jsonString): use a number or a string such as \"8\", 500m or 32Gi")
        }
        return quantity
    }

    private static func decodeSize(_ reader: FieldReader) throws(PolicyError) -> PoolSize {
        let fixed = try reader.field("nodes").nonNegativeInt()
        let minimum = try reader.field("minNodes").nonNegativeInt()
        let maximum = try reader.field("maxNodes").nonNegativeInt()
        if let fixed {
            if minimum != nil || maximum != nil {
                throw reader.field("nodes").error("give either nodes or minNodes and maxNodes, not both")
            }
            return .fixed(Int(fixed))
        }
        guard let maximum else {
            throw reader.field("maxNodes").error("required field is missing: give nodes, or minNodes and maxNodes")
        }
        let lower = minimum ?? 0
        guard maximum >= lower else {
            throw reader.field("maxNodes").error("must be at least minNodes (\(lower)), got \(maximum)")
        }
        return .autoscaled(
            Autoscaling(
                minNodes: Int(lower), maxNodes: Int(maximum),
                provisioningDelay: try nonNegativeDuration(reader.field("provisioningDelay")) ?? .zero,
                scaleDownDelay: try nonNegativeDuration(reader.field("scaleDownDelay")) ?? .seconds(600)))
    }

    private static func nonNegativeDuration(_ reader: FieldReader) throws(PolicyError) -> Duration? {
        guard let duration = try reader.duration() else { return nil }
        guard duration >= .zero else { throw reader.error("must not be negative") }
        return duration
    }
}
