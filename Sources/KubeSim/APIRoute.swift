/// Where a request path points in the API: a discovery document, or a resource URL.
enum APIRoute: Sendable, Equatable {
    case coreVersions
    case groupList
    case group(String)
    case resourceList(group: String, version: String)
    case version
    case health
    case openAPI
    /// `/api/v1/namespaces/NS/PLURAL/NAME/SUB` and its shorter forms; `namespace` is `nil` for
    /// cluster-scoped resources and for lists across all namespaces.
    case resource(group: String, version: String, plural: String, namespace: String?, name: String?, subresource: String?)
    case unknown

    /// Splits a path. `isNamespaced` answers whether `PLURAL` in `namespaces/NS/PLURAL` names a
    /// namespaced resource: `/api/v1/namespaces/x/status` is the namespace's own subresource.
    init(path: String, isNamespaced: (String, String, String) -> Bool) {
        let segments = path.split(separator: "/").map(String.init)
        switch segments.first {
        case "api":
            if segments.count == 1 { self = .coreVersions; return }
            self = Self.resource(group: "", version: segments[1], Array(segments.dropFirst(2)), isNamespaced)
        case "apis":
            switch segments.count {
            case 1: self = .groupList
            case 2: self = .group(segments[1])
            default:
                self = Self.resource(group: segments[1], version: segments[2], Array(segments.dropFirst(3)), isNamespaced)
            }
        case "version": self = .version
        case "healthz", "readyz", "livez": self = .health
        case "openapi": self = .openAPI
        default: self = .unknown
        }
    }

    private static func resource(
        group: String, version: String, _ rest: [String], _ isNamespaced: (String, String, String) -> Bool
    ) -> APIRoute {
        if rest.isEmpty { return .resourceList(group: group, version: version) }
        if rest.count >= 3, rest[0] == "namespaces", isNamespaced(group, version, rest[2]), rest.count <= 5 {
            return .resource(
                group: group, version: version, plural: rest[2], namespace: rest[1], name: rest.count > 3 ? rest[3] : nil,
                subresource: rest.count > 4 ? rest[4] : nil)
        }
        guard rest.count <= 3 else { return .unknown }
        return .resource(
            group: group, version: version, plural: rest[0], namespace: nil, name: rest.count > 1 ? rest[1] : nil,
            subresource: rest.count > 2 ? rest[2] : nil)
    }
}
