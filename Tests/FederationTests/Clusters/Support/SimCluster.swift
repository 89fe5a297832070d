import KubeClient
import KubeObjects
import KubeSim

/// One in-process API server and a client to it, for the cluster controller's tests.
struct SimCluster: Sendable {
    let server: KubeSimServer
    /// An admin client (it sends the server's token, when it has one).
    let api: KubeAPI
    /// `http://127.0.0.1:PORT`.
    let url: String

    static func start(token: String? = nil, clock: any KubeClock = SystemClock()) async throws -> SimCluster {
        let server = KubeSimServer(configuration: KubeSimConfiguration(bearerToken: token))
        let port = try await server.start()
        let url = "http://127.0.0.1:\(port)"
        let api = KubeAPI(
            transport: CurlTransport(server: try ServerURL(validating: url)),
            authenticator: token.map { .token(Secret($0)) } ?? .none, retryPolicy: .never, clock: clock)
        return SimCluster(server: server, api: api, url: url)
    }

    func stop() async { await server.stop() }

    @discardableResult
    func create(_ resource: APIResource, _ object: JSONValue) async throws -> JSONValue {
        try await api.create(resource, object)
    }

    /// Creates the object, then writes its `status` through the status subresource (a create
    /// drops the status of kinds that have one).
    @discardableResult
    func createWithStatus(_ resource: APIResource, _ object: JSONValue) async throws -> JSONValue {
        var created = try await api.create(resource, object)
        created["status"] = object["status"]
        return try await api.updateSubresource(resource, created, subresource: "status")
    }

    /// Installs the FederatedCluster CRD and the federation namespace, as on a host.
    func installFederation(namespace: String = "kube-admiral-system") async throws {
        try await create(Fixtures.customResourceDefinitions, Fixtures.federatedClusterCRD)
        try await create(
            .namespaces, ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(namespace)]])
    }

    func federatedCluster(_ name: String) async throws -> JSONValue {
        try await api.get(Fixtures.federatedClusters, name: name)
    }
}
