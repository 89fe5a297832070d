import KubeObjects

extension EntrypointOverrider {
    /// Which list of a container a command or args overrider edits.
    enum Target: String {
        case command, args
    }

    /// Edits `command` or `args` of the first container or init container named
    /// `containerName`. A workload without such a container is left as it is, silently, as in
    /// KubeAdmiral: one policy can then serve workloads with different sidecars.
    func apply(to object: inout JSONValue, target: Target) throws(OverriderFailure) {
        var pod = try PodSpecContainers(of: object)
        guard let slot = pod.first(named: containerName) else { return }
        var container = pod[slot]
        let current = try Self.strings(container[target.rawValue], at: pod.describe(slot, field: target.rawValue))
        let result: [String]
        switch self.operator {
        case .append:
            if value.isEmpty { throw OverriderFailure("append needs a non-empty value") }
            result = (current ?? []) + value
        case .overwrite:
            result = value
        case .delete:
            let removed = Set(value)
            result = (current ?? []).filter { !removed.contains($0) }
        }
        // An empty result does not create a list the container did not have.
        if current == nil, result.isEmpty { return }
        container[target.rawValue] = .array(result.map(JSONValue.string))
        pod[slot] = container
        pod.write(into: &object)
    }

    /// The list of strings in `value`; `nil` when absent or `null`.
    private static func strings(_ value: JSONValue?, at location: String) throws(OverriderFailure) -> [String]? {
        guard let value, !value.isNull else { return nil }
        guard let items = value.arrayValue else {
            throw OverriderFailure("\(location) is \(value.typeName), not a list of strings")
        }
        var strings: [String] = []
        for item in items {
            guard let string = item.stringValue else {
                throw OverriderFailure("\(location) holds \(item.typeName), not only strings")
            }
            strings.append(string)
        }
        return strings
    }
}
