import Foundation
import KubeClient
import KubeObjects
import KubeSim
import MemberSim

/// The repository's `config/demo`, found from this file's location.
let demoDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("config/demo").path

/// One simulated member on its own `KubeSimServer`, on a `ManualClock`, for one test.
///
/// `body` gets the harness; the simulator and the server stop when it returns or throws.
func withMember<T>(_ name: String, _ body: (MemberHarness) async throws -> T) async throws -> T {
    let config = try FederationConfig.load(file: demoDirectory + "/federation.yaml")
    guard let member = config.member(named: name) else { throw HarnessError("no member \(name) in the demo config") }
    let server = KubeSimServer()
    let port = try await server.start()
    let api = KubeAPI(transport: CurlTransport(server: ServerURL(scheme: .http, host: "127.0.0.1", port: port)))
    let clock = ManualClock()
    let simulator = MemberSimulator(member: member, api: api, clock: clock)
    let running = Task { try await simulator.run() }
    let harness = MemberHarness(member: member, api: api, clock: clock, simulator: simulator)
    defer { running.cancel() }
    do {
        try await simulator.waitUntilIdle()
        let result = try await body(harness)
        running.cancel()
        _ = try? await running.value
        await server.stop()
        return result
    } catch {
        running.cancel()
        _ = try? await running.value
        await server.stop()
        throw error
    }
}

struct HarnessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

struct MemberHarness: Sendable {
    let member: MemberConfig
    let api: KubeAPI
    let clock: ManualClock
    let simulator: MemberSimulator

    static let namespace = "default"
    static let deployment = "fed-dp-gpu"

    /// The scenario's Deployment (`config/demo/deployment-gpu-demo.yaml`) with `replicas`.
    static func scenarioDeployment(replicas: Int64) throws -> JSONValue {
        let text = try String(contentsOfFile: demoDirectory + "/deployment-gpu-demo.yaml", encoding: .utf8)
        var object = try KubeDocuments.read(text)[0]
        object["spec"]?["replicas"] = .int(replicas)
        return object
    }

    func createDeployment(replicas: Int64) async throws {
        try await create(.deployments, Self.scenarioDeployment(replicas: replicas))
    }

    /// Creates `object` in its own namespace (or `default`) and waits until the member settles.
    func create(_ resource: APIResource, _ object: JSONValue) async throws {
        let namespace = resource.namespaced ? object[path: ["metadata", "namespace"]]?.stringValue ?? Self.namespace : nil
        _ = try await api.create(resource, namespace: namespace, object)
        try await simulator.waitUntilIdle()
    }

    func scale(to replicas: Int64) async throws {
        _ = try await api.patch(.deployments, namespace: Self.namespace, name: Self.deployment, ["spec": ["replicas": .int(replicas)]])
        try await simulator.waitUntilIdle()
    }

    /// Moves the virtual clock and waits for the simulator to act on what became due.
    func advance(by duration: Duration) async throws {
        clock.advance(by: duration)
        try await simulator.waitUntilIdle()
    }

    func census(namespace: String = namespace, deployment: String = deployment) async throws -> PoolCensus {
        try await PoolCensus.read(api: api, member: member, namespace: namespace, deployment: deployment)
    }

    func pods() async throws -> [JSONValue] {
        try await api.list(.pods, namespace: Self.namespace).items
    }

    func pendingPods() async throws -> [JSONValue] {
        try await pods().filter { ($0[path: ["spec", "nodeName"]]?.stringValue ?? "").isEmpty }
    }

    func nodeNames() async throws -> [String] {
        try await api.list(.nodes).items.compactMap { $0[path: ["metadata", "name"]]?.stringValue }.sorted()
    }

    func deploymentObject() async throws -> JSONValue {
        try await api.get(.deployments, namespace: Self.namespace, name: Self.deployment)
    }

    /// The wall-clock time of the virtual clock, as the simulator writes it into conditions.
    var wallTimestamp: String {
        let date = Date(timeIntervalSince1970: TimeInterval(clock.wallTime.components.seconds))
        return date.formatted(.iso8601)
    }
}

extension APIResource {
    static let replicaSets = APIResource(group: "apps", version: "v1", name: "replicasets", namespaced: true)
}

extension JSONValue {
    /// The condition of `type` in `status.conditions`.
    func condition(_ type: String) -> JSONValue? {
        self[path: ["status", "conditions"]]?.arrayValue?.first { $0["type"]?.stringValue == type }
    }
}
