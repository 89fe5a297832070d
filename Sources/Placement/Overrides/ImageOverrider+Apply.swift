import KubeObjects

extension ImageOverrider {
    /// Edits image references: the one string at `imagePath`, or else every container and init
    /// container of the pod spec, or those named in `containerNames`.
    ///
    /// Each image is parsed, then `operations` run on it in order, then it is printed back; an
    /// image that does not parse is an error even when no operation would change it, as in
    /// KubeAdmiral. Names in `containerNames` that match no container are ignored.
    func apply(to object: inout JSONValue) throws(OverriderFailure) {
        if let imagePath {
            try apply(atPath: imagePath, to: &object)
            return
        }
        var pod = try PodSpecContainers(of: object)
        let selected = Set(containerNames.filter { !$0.isEmpty })
        var changed = false
        for slot in pod.slots where containerNames.isEmpty || selected.contains(slot.name) {
            var container = pod[slot]
            let location = pod.describe(slot, field: "image")
            let image = container["image"].flatMap { $0.isNull ? nil : $0 } ?? .string("")
            guard let text = image.stringValue else {
                throw OverriderFailure("\(location) is \(image.typeName), not a string")
            }
            container["image"] = .string(try edit(text, at: location))
            pod[slot] = container
            changed = true
        }
        if changed { pod.write(into: &object) }
    }

    private func apply(atPath path: JSONPointer, to object: inout JSONValue) throws(OverriderFailure) {
        let location = "imagePath \(path)"
        guard let value = path.resolve(in: object) else {
            throw OverriderFailure("\(location) does not exist in the object")
        }
        guard let image = value.stringValue else {
            throw OverriderFailure("\(location) is \(value.typeName), not a string")
        }
        let replace = JSONPatchOperation(.replace, path: path, value: .string(try edit(image, at: location)))
        do {
            object = try JSONPatch([replace]).apply(to: object)
        } catch {
            throw OverriderFailure("\(location): \(error.message)")
        }
    }

    /// `image` after every operation, or the failure of the first operation that fails.
    func edit(_ image: String, at location: String) throws(OverriderFailure) -> String {
        var reference: ImageReference
        do {
            reference = try ImageReference(parsing: image)
        } catch {
            throw OverriderFailure("\(location): \(error.message)")
        }
        for (index, operation) in operations.enumerated() {
            do {
                try reference.apply(operation)
            } catch {
                throw OverriderFailure("\(location): \(error.message)", operation: index)
            }
        }
        return reference.description
    }
}
