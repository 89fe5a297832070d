import Federation
import KubeClient
import KubeObjects

/// The FederatedClusters on the host and the Secrets of the federation namespace, read once.
struct HostClusters {
    var clusters: [JSONValue]
    /// By name.
    var secrets: [String: JSONValue]

    /// Reads both lists; the error says which could not be read and why, in one line.
    static func read(from host: KubeAPI, namespace: String) async throws(HostReadError) -> HostClusters {
        let clusters: [JSONValue]
        do {
            clusters = try await listAll(host, APIResource.federatedClusters, namespace: nil)
        } catch {
            if error.code == .notFound {
                throw HostReadError(
                    "the host does not serve federatedclusters.core.kubeadmiral.io: install the FederatedCluster CRD first"
                )
            }
            throw HostReadError("cannot list FederatedClusters on the host: \(error)")
        }
        var secrets: [String: JSONValue] = [:]
        do {
            for secret in try await listAll(host, .secrets, namespace: namespace) {
                if let name = secret[path: ["metadata", "name"]]?.stringValue { secrets[name] = secret }
            }
        } catch {
            throw HostReadError("cannot list Secrets in namespace \(namespace) on the host: \(error)")
        }
        return HostClusters(clusters: clusters, secrets: secrets)
    }

    private static func listAll(
        _ api: KubeAPI, _ resource: APIResource, namespace: String?
    ) async throws(KubeAPIError)
        -> [JSONValue]
    {
        var items: [JSONValue] = []
        var token: String?
        repeat {
            let page = try await api.list(
                resource, namespace: namespace, options: ListOptions(limit: 500, continueToken: token))
            items += page.items
            token = page.hasMore ? page.continueToken : nil
        } while token != nil
        return items
    }
}

/// The host could not be read: `flotilla clusters` exits 1 with this message.
struct HostReadError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
