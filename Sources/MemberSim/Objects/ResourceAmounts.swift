import KubeObjects

/// Amounts of resources by name, in the units the scheduler compares: thousandths of a CPU,
/// whole units of everything else (bytes of memory, GPUs, pods).
struct ResourceAmounts: Sendable, Hashable {
    private(set) var amounts: [String: Int64] = [:]

    init(_ amounts: [String: Int64] = [:]) { self.amounts = amounts.filter { $0.value != 0 } }

    /// Reads a resource list (`status.allocatable`, a container's `requests`); invalid quantities
    /// read as absent.
    init(resourceList value: JSONValue?) {
        for (name, entry) in value?.objectValue ?? JSONObject() {
            guard let quantity = Quantity(json: entry) else { continue }
            amounts[name] = name == "cpu" ? quantity.milliValue : quantity.value
        }
    }

    /// What one pod asks for: its containers' requests added up (a limit stands in for a missing
    /// request, as API-server defaulting does), each init container raising the total to at
    /// least its own, and one `pods` slot.
    init(podRequestsOf pod: JSONValue) {
        let spec = pod["spec"]
        for container in spec?["containers"]?.arrayValue ?? [] {
            self += Self.containerRequest(container)
        }
        for container in spec?["initContainers"]?.arrayValue ?? [] {
            for (name, amount) in Self.containerRequest(container).amounts {
                amounts[name] = Swift.max(amounts[name] ?? 0, amount)
            }
        }
        amounts["pods", default: 0] += 1
    }

    private static func containerRequest(_ container: JSONValue) -> ResourceAmounts {
        var merged = ResourceAmounts(resourceList: container[path: ["resources", "limits"]])
        for (name, amount) in ResourceAmounts(resourceList: container[path: ["resources", "requests"]]).amounts {
            merged.amounts[name] = amount
        }
        return merged
    }

    subscript(name: String) -> Int64 { amounts[name] ?? 0 }

    static func += (lhs: inout ResourceAmounts, rhs: ResourceAmounts) {
        for (name, amount) in rhs.amounts { lhs.amounts[name, default: 0] += amount }
    }

    /// The resources of `request` that `self`, taken as free capacity, cannot cover, by name.
    func shortfall(for request: ResourceAmounts) -> [String] {
        request.amounts.keys.sorted().filter { request[$0] > self[$0] }
    }

    /// `capacity` minus `used`, per resource of `capacity`.
    static func free(capacity: ResourceAmounts, used: ResourceAmounts) -> ResourceAmounts {
        var result = ResourceAmounts()
        for (name, amount) in capacity.amounts { result.amounts[name] = amount - used[name] }
        return result
    }
}
