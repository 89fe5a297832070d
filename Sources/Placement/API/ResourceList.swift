import KubeObjects

/// A Kubernetes resource list (`status.resources.allocatable`, a container's `requests`): resource
/// names to quantities, parsed once when the object is decoded.
public struct ResourceList: Sendable, Hashable {
    public var quantities: [String: Quantity]

    public init(_ quantities: [String: Quantity] = [:]) {
        self.quantities = quantities
    }

    public func contains(_ resource: String) -> Bool { quantities[resource] != nil }

    /// The quantity in whole units, rounded away from zero (Go's `Quantity.Value()`, how memory
    /// and GPUs are counted); `nil` when absent.
    public func value(of resource: String) -> Int64? { quantities[resource]?.value }

    /// The quantity in thousandths (Go's `Quantity.MilliValue()`, how CPU is counted).
    public func milliValue(of resource: String) -> Int64? { quantities[resource]?.milliValue }

    /// Decodes a resource-list field, checking every quantity so that a typo is reported with
    /// its path (`status.resources.allocatable[nvidia.com/gpu]`) rather than read as zero later.
    /// Kubernetes accepts a quantity as a string or a number (`cpu: "2"`, `cpu: 2`).
    static func decode(_ reader: FieldReader) throws(PolicyError) -> ResourceList {
        guard let object = try reader.requireObject() else { return ResourceList() }
        var quantities: [String: Quantity] = [:]
        for (name, value) in object {
            let entry = reader.entry(name)
            switch value {
            case .string(let text):
                do {
                    quantities[name] = try Quantity(parsing: text)
                } catch {
                    throw entry.error(error.description)
                }
            case .int, .double:
                guard let quantity = Quantity(json: value) else { throw entry.error("invalid quantity \(value)") }
                quantities[name] = quantity
            default:
                throw entry.error("expected a quantity (a string or a number), got \(value.typeName)")
            }
        }
        return ResourceList(quantities)
    }
}
