import KubeObjects

/// An API group the server serves, with its versions, preferred first.
public struct APIGroupInfo: Sendable, Equatable {
    /// Empty for the core group.
    public var name: String
    /// Versions (`v1`, `v1beta1`), the preferred one first.
    public var versions: [String]

    public init(name: String, versions: [String]) {
        self.name = name
        self.versions = versions
    }

    public var preferredVersion: String? { versions.first }
}

/// One entry of a group version's resource list.
public struct APIResourceInfo: Sendable, Equatable {
    /// `deployments`, or `deployments/status` for a subresource.
    public var name: String
    public var kind: String
    public var namespaced: Bool
    public var verbs: [String]
    public var group: String
    public var version: String

    public var isSubresource: Bool { name.contains("/") }

    /// The collection, for the other calls; `nil` for a subresource.
    public var resource: APIResource? {
        isSubresource ? nil : APIResource(group: group, version: version, name: name, namespaced: namespaced)
    }
}

extension KubeAPI {
    /// The groups the server serves: the core group (from `/api`) first, then `/apis`.
    public func apiGroups() async throws(KubeAPIError) -> [APIGroupInfo] {
        let core = try await performJSON(.get, "/api", isRead: true)
        let coreVersions = core["versions"]?.arrayValue?.compactMap(\.stringValue) ?? []
        var groups = [APIGroupInfo(name: "", versions: coreVersions)]
        let list = try await performJSON(.get, "/apis", isRead: true)
        for group in list["groups"]?.arrayValue ?? [] {
            guard let name = group["name"]?.stringValue else { continue }
            var versions = group["versions"]?.arrayValue?.compactMap { $0["version"]?.stringValue } ?? []
            if let preferred = group[path: ["preferredVersion", "version"]]?.stringValue,
                let index = versions.firstIndex(of: preferred)
            {
                versions.insert(versions.remove(at: index), at: 0)
            }
            groups.append(APIGroupInfo(name: name, versions: versions))
        }
        return groups
    }

    /// The resources of one group version (`""`/`v1` for the core group), subresources included.
    public func resources(group: String, version: String) async throws(KubeAPIError) -> [APIResourceInfo] {
        let target = group.isEmpty ? "/api/\(version)" : "/apis/\(group)/\(version)"
        let list = try await performJSON(.get, target, isRead: true)
        return (list["resources"]?.arrayValue ?? []).compactMap { entry in
            guard let name = entry["name"]?.stringValue else { return nil }
            return APIResourceInfo(
                name: name, kind: entry["kind"]?.stringValue ?? "", namespaced: entry["namespaced"]?.boolValue ?? false,
                verbs: entry["verbs"]?.arrayValue?.compactMap(\.stringValue) ?? [], group: group, version: version)
        }
    }
}
