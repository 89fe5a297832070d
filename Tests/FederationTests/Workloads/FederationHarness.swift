import Federation
import Foundation
import KubeClient
import KubeObjects
import KubeSim
import Placement

/// A host and member API servers in process, with the KubeAdmiral CRDs on the host and the
/// scenario's objects at hand, for end-to-end tests of the workload controller.
final class FederationHarness: Sendable {
    let host: KubeSimServer
    let hostAPI: KubeAPI
    /// Member servers and clients by FederatedCluster name.
    let members: [String: (server: KubeSimServer, api: KubeAPI)]
    let clock: ManualClock

    static let scenarioClusters = ["cclt81kqnjbeqedvbbt0g", "ccltbv1p1h4ho7pq6sugg", "cclt75bp1h4ho7pq6su9g"]

    private init(host: KubeSimServer, hostAPI: KubeAPI, members: [String: (KubeSimServer, KubeAPI)], clock: ManualClock) {
        self.host = host
        self.hostAPI = hostAPI
        self.members = members.mapValues { (server: $0.0, api: $0.1) }
        self.clock = clock
    }

    static func start(members names: [String] = scenarioClusters) async throws -> FederationHarness {
        let clock = ManualClock()
        let host = KubeSimServer()
        let hostAPI = api(port: try await host.start(), clock: clock)
        var members: [String: (KubeSimServer, KubeAPI)] = [:]
        for name in names {
            let server = KubeSimServer()
            members[name] = (server, api(port: try await server.start(), clock: clock))
        }
        let harness = FederationHarness(host: host, hostAPI: hostAPI, members: members, clock: clock)
        for crd in KubeAdmiralDefinitions.all { _ = try await hostAPI.create(.customResourceDefinitions, crd) }
        return harness
    }

    func stop() async {
        await host.stop()
        for member in members.values { await member.server.stop() }
    }

    static func api(port: Int, clock: any KubeClock) -> KubeAPI {
        KubeAPI(
            transport: CurlTransport(server: ServerURL(scheme: .http, host: "127.0.0.1", port: port)),
            retryPolicy: RetryPolicy(initialBackoff: .milliseconds(5), maximumBackoff: .milliseconds(40)))
    }

    var memberClients: StaticMemberClients { StaticMemberClients(members.mapValues(\.api)) }

    // MARK: Objects

    /// The documents of a file under `config/scenario/`.
    static func scenario(_ file: String) throws -> [JSONValue] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let path = root.appendingPathComponent("config/scenario/\(file)").path
        return try KubeDocuments.read(String(contentsOfFile: path, encoding: .utf8), file: path)
    }

    /// Applies every object of the `config/scenario/` files, in order, then `extra`.
    func apply(scenario files: String..., extra: [JSONValue] = []) async throws {
        for object in try files.flatMap(Self.scenario) + extra { try await apply(object) }
    }

    /// Creates `object` on the host, then writes its `status` through the subresource when it has one.
    func apply(_ object: JSONValue) async throws {
        let resource = try Self.resource(of: object)
        var created = try await hostAPI.create(resource, object)
        if let status = object["status"] {
            created["status"] = status
            _ = try await hostAPI.updateSubresource(resource, created, subresource: "status")
        }
    }

    static func resource(of object: JSONValue) throws -> KubeClient.APIResource {
        let kind = object["kind"]?.stringValue ?? "?"
        guard let resource = KubeClient.APIResource.federationObject(kind: kind) else {
            throw HarnessError("no resource for \(kind)")
        }
        return resource
    }

    /// Member Deployments' `spec.replicas` by cluster (absent clusters omitted), of every member
    /// or of `clusters`.
    func memberReplicas(_ namespace: String = "default", _ name: String, clusters: [String]? = nil) async throws
        -> [String: Int64]
    {
        var result: [String: Int64] = [:]
        for (cluster, member) in members where clusters?.contains(cluster) ?? true {
            do {
                let object = try await member.api.get(.deployments, namespace: namespace, name: name)
                result[cluster] = object[path: ["spec", "replicas"]]?.intValue
            } catch {
                guard error.code == .notFound else { throw error }
            }
        }
        return result
    }

    /// Polls until `condition` holds; the suite's time limit bounds the wait.
    func eventually(_ condition: () async throws -> Bool) async throws {
        while try await !condition() { try await Task.sleep(for: .milliseconds(10)) }
    }

    /// Polls until `condition` holds, failing with `what` once `limit` (real time) has passed.
    func eventually(
        within limit: Duration, _ what: String, _ condition: () async throws -> Bool
    ) async throws {
        let deadline = ContinuousClock.now + limit
        while try await !condition() {
            guard ContinuousClock.now < deadline else { throw HarnessError("not within \(limit): \(what)") }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    /// The host's Events about the Deployment `name` with `reason`.
    func events(_ reason: String, about name: String, namespace: String = "default") async throws -> [JSONValue] {
        try await hostAPI.list(.events, namespace: namespace).items.filter {
            $0["reason"]?.stringValue == reason && $0[path: ["involvedObject", "name"]]?.stringValue == name
        }
    }

    /// Whether the host Deployment `name` is gone.
    func hostDeploymentIsGone(_ name: String, namespace: String = "default") async throws -> Bool {
        do {
            _ = try await hostAPI.get(.deployments, namespace: namespace, name: name)
            return false
        } catch {
            guard error.code == .notFound else { throw error }
            return true
        }
    }

    /// One condition of the host Deployment's status, by type.
    func hostCondition(_ type: String, of name: String, namespace: String = "default") async throws -> JSONValue? {
        let host = try await hostAPI.get(.deployments, namespace: namespace, name: name)
        return host[path: ["status", "conditions"]]?.arrayValue?.first { $0["type"]?.stringValue == type }
    }
}

struct HarnessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
