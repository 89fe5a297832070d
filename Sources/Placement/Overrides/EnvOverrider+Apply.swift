import KubeObjects

extension EnvOverrider {
    /// Edits the `env` list of the first container or init container named `containerName`,
    /// variable by variable, in the order of `value`. A workload without such a container is
    /// left as it is, as for command and args.
    ///
    /// `overwrite` replaces every entry with a matching name and never adds one; `delete` removes
    /// every entry with a matching name; `addIfAbsent` appends and fails on a name already there.
    func apply(to object: inout JSONValue) throws(OverriderFailure) {
        var pod = try PodSpecContainers(of: object)
        guard let slot = pod.first(named: containerName) else { return }
        var container = pod[slot]
        let location = pod.describe(slot, field: "env")
        let existing = container["env"].flatMap { $0.isNull ? nil : $0 }
        var entries: [JSONObject] = []
        if let existing {
            guard let items = existing.arrayValue else {
                throw OverriderFailure("\(location) is \(existing.typeName), not a list")
            }
            for item in items {
                guard let entry = item.objectValue else {
                    throw OverriderFailure("\(location) holds \(item.typeName), not only objects")
                }
                entries.append(entry)
            }
        }
        if self.operator == .addIfAbsent, value.isEmpty { throw OverriderFailure("addIfAbsent needs a value") }
        func name(_ entry: JSONObject) -> String { entry["name"]?.stringValue ?? "" }
        for variable in value {
            switch self.operator {
            case .addIfAbsent:
                if entries.contains(where: { name($0) == variable.name }) {
                    throw OverriderFailure(
                        "addIfAbsent cannot add \(variable.name): container \"\(slot.name)\" already has it")
                }
                entries.append(variable.object)
            case .overwrite:
                for index in entries.indices where name(entries[index]) == variable.name {
                    entries[index] = variable.object
                }
            case .delete:
                entries.removeAll { name($0) == variable.name }
            }
        }
        // An empty result does not create a list the container did not have.
        if existing == nil, entries.isEmpty { return }
        container["env"] = .array(entries.map(JSONValue.object))
        pod[slot] = container
        pod.write(into: &object)
    }
}
