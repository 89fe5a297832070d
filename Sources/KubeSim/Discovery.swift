import KubeObjects

/// The discovery documents clients read before anything else: which groups, versions and resources
/// exist, with their kinds, scope, verbs and subresources. kubectl maps `get deploy` to a URL from these.
enum Discovery {
    /// `/api`: the core group's versions.
    static func coreVersions(serverAddress: String) -> JSONValue {
        [
            "kind": "APIVersions", "versions": ["v1"],
            "serverAddressByClientCIDRs": [["clientCIDR": "0.0.0.0/0", "serverAddress": .string(serverAddress)]],
        ]
    }

    /// `/apis`: every named group.
    static func groupList(_ registry: ResourceRegistry) -> JSONValue {
        let groups = registry.groups.filter { !$0.group.isEmpty }.map { group($0.group, versions: $0.versions) }
        return ["kind": "APIGroupList", "apiVersion": "v1", "groups": .array(groups)]
    }

    /// `/apis/GROUP`.
    static func group(_ name: String, versions: [String]) -> JSONValue {
        let entries = versions.map { version -> JSONValue in
            ["groupVersion": .string("\(name)/\(version)"), "version": .string(version)]
        }
        var object = JSONObject()
        object["kind"] = "APIGroup"
        object["apiVersion"] = "v1"
        object["name"] = .string(name)
        object["versions"] = .array(entries)
        object["preferredVersion"] = entries.first ?? .null
        return .object(object)
    }

    /// `/api/v1` or `/apis/GROUP/VERSION`: the resources, then each one's subresources as
    /// `plural/status` and `plural/scale` entries, as a real server lists them.
    static func resourceList(group: String, version: String, types: [ResourceType]) -> JSONValue {
        var resources: [JSONValue] = []
        for type in types {
            var entry = JSONObject()
            entry["name"] = .string(type.plural)
            entry["singularName"] = .string(type.singular)
            entry["namespaced"] = .bool(type.namespaced)
            entry["kind"] = .string(type.kind)
            entry["verbs"] = .array(type.verbs.map(JSONValue.string))
            if !type.shortNames.isEmpty { entry["shortNames"] = .array(type.shortNames.map(JSONValue.string)) }
            resources.append(.object(entry))
            let subresourceVerbs: JSONValue = ["get", "patch", "update"]
            if type.hasStatusSubresource {
                resources.append([
                    "name": .string(type.plural + "/status"), "singularName": "", "namespaced": .bool(type.namespaced),
                    "kind": .string(type.kind), "verbs": subresourceVerbs,
                ])
            }
            if type.scale != nil {
                resources.append([
                    "name": .string(type.plural + "/scale"), "singularName": "", "namespaced": .bool(type.namespaced),
                    "group": "autoscaling", "version": "v1", "kind": "Scale", "verbs": subresourceVerbs,
                ])
            }
        }
        let groupVersion = group.isEmpty ? version : "\(group)/\(version)"
        return [
            "kind": "APIResourceList", "apiVersion": "v1", "groupVersion": .string(groupVersion),
            "resources": .array(resources),
        ]
    }

    /// `/version`: a 1.32 server, the version the simulated behaviour follows.
    static let version: JSONValue = [
        "major": "1", "minor": "32", "gitVersion": "v1.32.0-kubesim", "gitCommit": "", "gitTreeState": "clean",
        "buildDate": "2026-01-01T00:00:00Z", "goVersion": "go1.23", "compiler": "gc", "platform": "linux/amd64",
    ]
}
