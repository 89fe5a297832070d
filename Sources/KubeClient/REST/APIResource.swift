/// A collection in the Kubernetes API (`deployments` in `apps/v1`), with what it takes to build
/// its URLs: the core group lives under `/api/v1`, every other group under `/apis/group/version`,
/// and namespaced resources put `namespaces/<ns>` before the resource name.
public struct APIResource: Sendable, Hashable, CustomStringConvertible {
    /// The API group; empty for the core group.
    public var group: String
    public var version: String
    /// The lower-case plural name (`deployments`).
    public var name: String
    public var namespaced: Bool

    public init(group: String, version: String, name: String, namespaced: Bool) {
        self.group = group
        self.version = version
        self.name = name
        self.namespaced = namespaced
    }

    /// `v1` or `apps/v1`, as `apiVersion` fields write it.
    public var groupVersion: String { group.isEmpty ? version : "\(group)/\(version)" }

    public var groupResource: GroupResource { GroupResource(group: group, resource: name) }

    public var description: String { "\(name).\(groupVersion)" }

    /// `/api/v1` or `/apis/apps/v1`.
    var groupVersionPath: String { group.isEmpty ? "/api/\(version)" : "/apis/\(group)/\(version)" }

    /// The collection: in one namespace, or across all of them when `namespace` is `nil`.
    /// A cluster-scoped resource refuses a namespace, since the server would answer 404.
    func collectionPath(namespace: String?) throws(KubeAPIError) -> String {
        guard let namespace else { return "\(groupVersionPath)/\(name)" }
        guard namespaced else {
            throw KubeAPIError(.invalidArgument, "\(self) is cluster-scoped; it has no namespace \(namespace)")
        }
        guard !namespace.isEmpty else { throw KubeAPIError(.invalidArgument, "the namespace is empty") }
        return "\(groupVersionPath)/namespaces/\(PercentEncoding.pathSegment(namespace))/\(name)"
    }

    /// One object, or one of its subresources (`status`, `scale`).
    func objectPath(namespace: String?, name objectName: String, subresource: String? = nil) throws(KubeAPIError)
        -> String
    {
        guard !objectName.isEmpty else { throw KubeAPIError(.invalidArgument, "the object name is empty") }
        if namespaced && namespace == nil {
            throw KubeAPIError(.invalidArgument, "\(self) is namespaced; \(objectName) needs a namespace")
        }
        var path = try collectionPath(namespace: namespace) + "/" + PercentEncoding.pathSegment(objectName)
        if let subresource { path += "/" + PercentEncoding.pathSegment(subresource) }
        return path
    }
}

extension APIResource {
    public static let namespaces = APIResource(group: "", version: "v1", name: "namespaces", namespaced: false)
    public static let nodes = APIResource(group: "", version: "v1", name: "nodes", namespaced: false)
    public static let pods = APIResource(group: "", version: "v1", name: "pods", namespaced: true)
    public static let configMaps = APIResource(group: "", version: "v1", name: "configmaps", namespaced: true)
    public static let secrets = APIResource(group: "", version: "v1", name: "secrets", namespaced: true)
    public static let events = APIResource(group: "", version: "v1", name: "events", namespaced: true)
    public static let deployments = APIResource(group: "apps", version: "v1", name: "deployments", namespaced: true)
    public static let leases = APIResource(group: "coordination.k8s.io", version: "v1", name: "leases", namespaced: true)
}

/// Percent-encoding for URL parts, by RFC 3986's unreserved set: anything else is escaped, so
/// a label selector such as `app in (a,b)` or a continue token survives intact.
enum PercentEncoding {
    static func pathSegment(_ text: String) -> String { encode(text) }

    static func queryValue(_ text: String) -> String { encode(text) }

    /// `?a=1&b=2` from the pairs whose value is set, in order; empty when none is.
    static func query(_ pairs: [(String, String?)]) -> String {
        let present = pairs.compactMap { name, value in value.map { "\(name)=\(encode($0))" } }
        return present.isEmpty ? "" : "?" + present.joined(separator: "&")
    }

    private static func encode(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                result += byte < 16 ? "%0\(hex)" : "%\(hex)"
            }
        }
        return result
    }
}
