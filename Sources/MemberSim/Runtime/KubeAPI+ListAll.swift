import KubeClient
import KubeObjects

extension KubeAPI {
    /// Every object of a collection, page by page (across all namespaces when `namespace` is nil).
    func listAll(_ resource: APIResource, namespace: String? = nil) async throws(KubeAPIError) -> [JSONValue] {
        var items: [JSONValue] = []
        var token: String?
        repeat {
            let page = try await list(resource, namespace: namespace, options: ListOptions(limit: 500, continueToken: token))
            items += page.items
            token = page.continueToken
        } while token != nil
        return items
    }
}
