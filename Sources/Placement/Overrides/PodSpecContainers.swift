import KubeObjects

/// The containers of a workload's pod spec, taken out of the object to be edited and put back.
///
/// The image, command, args and env overriders find containers here. Like KubeAdmiral
/// (`pkg/util/pod`), it knows where the pod spec lives only for Pod, Deployment, StatefulSet,
/// DaemonSet, Job and CronJob; for other kinds those overriders fail, and only `jsonpatch` or an
/// image overrider's `imagePath` can edit the object.
struct PodSpecContainers {
    /// One container: which list it is in, and where.
    struct Slot: Sendable, Hashable {
        enum List: String, Sendable, CaseIterable {
            // Init containers come first: KubeAdmiral searches them first for a name.
            case initContainers, containers
        }

        var list: List
        var index: Int
        var name: String
    }

    /// Object keys from the root of the object to its pod spec.
    let path: [String]
    private var podSpec: JSONObject
    private var lists: [Slot.List: [JSONObject]] = [:]

    /// Finds the pod spec of `object`; fails for a kind without one, or where it is missing.
    init(of object: JSONValue) throws(OverriderFailure) {
        path = try Self.podSpecPath(of: object)
        let dotted = path.joined(separator: ".")
        guard let spec = object[path: path]?.objectValue else {
            throw OverriderFailure("the object has no pod spec at \(dotted)")
        }
        podSpec = spec
        for list in Slot.List.allCases {
            guard let value = spec[list.rawValue], !value.isNull else { continue }
            guard let elements = value.arrayValue else {
                throw OverriderFailure("\(dotted).\(list.rawValue) is \(value.typeName), not an array")
            }
            var containers: [JSONObject] = []
            for (index, element) in elements.enumerated() {
                guard let container = element.objectValue else {
                    throw OverriderFailure("\(dotted).\(list.rawValue)[\(index)] is \(element.typeName), not an object")
                }
                containers.append(container)
            }
            lists[list] = containers
        }
    }

    /// KubeAdmiral's table of pod spec locations, keyed by API group and kind.
    static func podSpecPath(of object: JSONValue) throws(OverriderFailure) -> [String] {
        let apiVersion = object["apiVersion"]?.stringValue ?? ""
        let group = apiVersion.contains("/") ? String(apiVersion.prefix { $0 != "/" }) : ""
        let kind = object["kind"]?.stringValue ?? ""
        switch (group, kind) {
        case ("apps", "Deployment"), ("apps", "StatefulSet"), ("apps", "DaemonSet"), ("batch", "Job"):
            return ["spec", "template", "spec"]
        case ("batch", "CronJob"):
            return ["spec", "jobTemplate", "spec", "template", "spec"]
        case ("", "Pod"):
            return ["spec"]
        default:
            throw OverriderFailure(
                "cannot find containers in a \(kind.isEmpty ? "object without kind" : kind) (\(apiVersion)): "
                    + "only Pod, Deployment, StatefulSet, DaemonSet, Job and CronJob are known; use jsonpatch")
        }
    }

    /// Every container, init containers first, each list in order.
    var slots: [Slot] {
        Slot.List.allCases.flatMap { list in
            (lists[list] ?? []).enumerated().map { index, container in
                Slot(list: list, index: index, name: container["name"]?.stringValue ?? "")
            }
        }
    }

    /// The first container or init container called `name`, init containers searched first.
    func first(named name: String) -> Slot? {
        slots.first { $0.name == name }
    }

    subscript(slot: Slot) -> JSONObject {
        get { lists[slot.list]![slot.index] }
        set { lists[slot.list]![slot.index] = newValue }
    }

    /// Where a container field is, for messages: `spec.template.spec.containers[0].image`.
    func describe(_ slot: Slot, field: String) -> String {
        "\(path.joined(separator: ".")).\(slot.list.rawValue)[\(slot.index)].\(field) (container \"\(slot.name)\")"
    }

    /// Writes the edited containers back into `object`, leaving absent lists absent.
    func write(into object: inout JSONValue) {
        var spec = podSpec
        for (list, containers) in lists {
            spec[list.rawValue] = .array(containers.map(JSONValue.object))
        }
        object.replaceValue(atKeys: path[...], with: .object(spec))
    }
}

extension JSONValue {
    /// Replaces the value at a path of object keys whose parents all exist; a missing parent
    /// leaves the value unchanged. Keys keep their place in their object.
    mutating func replaceValue(atKeys keys: ArraySlice<String>, with newValue: JSONValue) {
        guard let key = keys.first else {
            self = newValue
            return
        }
        guard var child = self[key] else { return }
        child.replaceValue(atKeys: keys.dropFirst(), with: newValue)
        self[key] = child
    }
}
