import KubeObjects
@testable import KubeSim

/// Starts a server on an ephemeral port for one test and stops it afterwards.
func withSim<T>(
    _ configuration: KubeSimConfiguration = KubeSimConfiguration(),
    _ body: (KubeSimServer, TestHTTPClient) async throws -> T
) async throws -> T {
    let server = KubeSimServer(configuration: configuration)
    let port = try await server.start()
    do {
        let result = try await body(server, TestHTTPClient(port: port, token: configuration.bearerToken))
        await server.stop()
        return result
    } catch {
        await server.stop()
        throw error
    }
}

func configMap(_ name: String, labels: [String: String] = [:], data: [String: String] = [:]) -> JSONValue {
    var labelObject = JSONObject()
    for (key, value) in labels.sorted(by: { $0.key < $1.key }) { labelObject[key] = .string(value) }
    var dataObject = JSONObject()
    for (key, value) in data.sorted(by: { $0.key < $1.key }) { dataObject[key] = .string(value) }
    return .object(JSONObject([
        ("apiVersion", "v1"), ("kind", "ConfigMap"),
        ("metadata", .object(JSONObject([("name", .string(name)), ("labels", .object(labelObject))]))),
        ("data", .object(dataObject)),
    ]))
}

func deployment(_ name: String, replicas: Int64 = 1) -> JSONValue {
    [
        "apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": .string(name)],
        "spec": [
            "replicas": .int(replicas), "selector": ["matchLabels": ["app": .string(name)]],
            "template": [
                "metadata": ["labels": ["app": .string(name)]],
                "spec": ["containers": [["name": "main", "image": "nginx"]]],
            ],
        ],
    ]
}

let configMaps = "/api/v1/namespaces/default/configmaps"
let deployments = "/apis/apps/v1/namespaces/default/deployments"
