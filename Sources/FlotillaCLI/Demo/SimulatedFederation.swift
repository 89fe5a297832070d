import Federation
import Foundation
import KubeClient
import KubeObjects
import KubeSim
import MemberSim
import Placement

/// The embedded federation of `flotilla demo`: an in-process API server for the host and one per
/// member, a `MemberSimulator` in each member, and Flotilla's controllers (cluster health and
/// workloads) against the host — all on one clock.
///
/// Members are registered the way a person would register real ones: a Secret with a token in
/// the federation namespace and a FederatedCluster pointing at the member's address. Nothing in
/// the controllers knows the members are simulated.
final class SimulatedFederation: Sendable {
    struct Member: Sendable {
        var config: MemberConfig
        /// The in-process server; `nil` when the member is an API server elsewhere (`--external`).
        var server: KubeSimServer?
        var api: KubeAPI
        var simulator: MemberSimulator
        var token: String
    }

    let clock: any KubeClock
    /// The in-process host; `nil` with `--external`.
    let host: KubeSimServer?
    let hostAPI: KubeAPI
    let members: [Member]
    /// Flotilla's controllers; `restart()` replaces them as a restarted process would.
    let controllers: FederationControllers
    let federation = FederationSettings()
    static let hostToken = "flotilla-demo-host"

    private init(
        clock: any KubeClock, host: KubeSimServer?, hostAPI: KubeAPI, members: [Member],
        controllers: FederationControllers
    ) {
        self.clock = clock
        self.host = host
        self.hostAPI = hostAPI
        self.members = members
        self.controllers = controllers
    }

    /// Starts the servers (not yet the simulators or controllers: `run()` does).
    ///
    /// - Parameter checkTokens: whether the servers refuse requests without their token. Flotilla
    ///   always sends one; `--serve` turns the check off because kubectl does not send bearer
    ///   tokens over plain http.
    static func start(config: FederationConfig, clock: any KubeClock, hostPort: Int = 0, checkTokens: Bool = true)
        async throws -> SimulatedFederation
    {
        let host = KubeSimServer(
            configuration: KubeSimConfiguration(port: hostPort, bearerToken: checkTokens ? hostToken : nil))
        let hostAPI = api(port: try await host.start(), token: hostToken)
        var members: [Member] = []
        for (index, member) in config.members.enumerated() {
            let token = "flotilla-demo-member-\(index)"
            let server = KubeSimServer(configuration: KubeSimConfiguration(bearerToken: checkTokens ? token : nil))
            let memberAPI = api(port: try await server.start(), token: token)
            members.append(Member(
                config: member, server: server, api: memberAPI,
                simulator: MemberSimulator(member: member, api: memberAPI, clock: clock), token: token))
        }
        let controllers = controllers(host: hostAPI, clock: clock)
        return SimulatedFederation(
            clock: clock, host: host, hostAPI: hostAPI, members: members, controllers: controllers)
    }

    /// The same federation over API servers that already run (a real host and members, or a
    /// `--serve` demo), from `host.kubeconfig` and `<display name>.kubeconfig` in `directory`. The
    /// members must already be registered on the host (Secrets and FederatedClusters), as a
    /// person would have done; only the simulators and the controllers run here.
    static func connect(config: FederationConfig, clock: any KubeClock, kubeconfigDirectory directory: String) throws
        -> SimulatedFederation
    {
        func connection(_ name: String) throws -> ClusterConnection {
            try KubeconfigLoader(explicitPath: (directory as NSString).appendingPathComponent("\(name).kubeconfig")).load()
        }
        let hostConnection = try connection("host")
        let hostAPI = KubeAPI(connection: hostConnection)
        var members: [Member] = []
        for member in config.members {
            let api = KubeAPI(connection: try connection(member.displayName))
            members.append(Member(
                config: member, server: nil, api: api,
                simulator: MemberSimulator(member: member, api: api, clock: clock), token: ""))
        }
        return SimulatedFederation(
            clock: clock, host: nil, hostAPI: hostAPI, members: members,
            controllers: controllers(host: hostAPI, clock: clock))
    }

    /// `flotilla run`'s controllers with its default settings, on the demo's clock: their timers
    /// (health probes, flap threshold, the auto-migration threshold, resyncs) follow virtual time.
    /// No leader election (one process) and no telemetry server; failed reconciles are logged to
    /// stderr, as `flotilla run` logs them, so that a step that differs says why.
    static func controllers(host: KubeAPI, clock: any KubeClock) -> FederationControllers {
        FederationControllers {
            ControllerTerm(host: host, options: ControllerOptions(), metrics: ControllerMetrics(), clock: clock)
        }
    }

    /// A client of an in-process server; its retries wait real time (the controllers' timers
    /// follow the demo's clock, see `controllers`).
    static func api(port: Int, token: String) -> KubeAPI {
        KubeAPI(
            transport: CurlTransport(server: ServerURL(scheme: .http, host: "127.0.0.1", port: port)),
            authenticator: .token(Secret(token)),
            retryPolicy: RetryPolicy(initialBackoff: .milliseconds(20), maximumBackoff: .seconds(1)), clock: SystemClock())
    }

    /// Installs the CRDs and registers the members on the host.
    func register() async throws {
        for definition in KubeAdmiralDefinitions.all {
            _ = try await hostAPI.create(.customResourceDefinitions, definition)
        }
        _ = try await hostAPI.create(
            .namespaces, ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(federation.federationNamespace)]])
        for member in members {
            let port = await member.server?.port ?? 0
            _ = try await hostAPI.create(.secrets, namespace: federation.federationNamespace, [
                "apiVersion": "v1", "kind": "Secret",
                "metadata": ["name": .string(member.config.name), "namespace": .string(federation.federationNamespace)],
                "data": ["bootstrap-token-data": .string(Data(member.token.utf8).base64EncodedString())],
            ])
            var labels = JSONObject()
            for (key, value) in member.config.labels.sorted(by: { $0.key < $1.key }) { labels[key] = .string(value) }
            _ = try await hostAPI.create(.federatedClusters, [
                "apiVersion": .string(KubeAdmiralAPI.apiVersion), "kind": "FederatedCluster",
                "metadata": ["name": .string(member.config.name), "labels": .object(labels)],
                "spec": ["apiEndpoint": .string("http://127.0.0.1:\(port)"), "secretRef": ["name": .string(member.config.name)]],
            ])
        }
    }

    /// Runs the simulators and, once they have set their members up (nodes, policies), the
    /// controllers, until the task is cancelled. The order matters: the cluster controller's first
    /// probe should see the members' GPUs, or the first placement would find none.
    func run() async {
        await withDiscardingTaskGroup { group in
            for member in members { group.addTask { try? await member.simulator.run() } }
            group.addTask {
                for member in self.members { try? await member.simulator.waitUntilIdle() }
                await self.controllers.run()
            }
        }
    }

    /// Returns once every member's FederatedCluster says Ready, or throws after `timeout` (real time).
    func waitUntilClustersReady(timeout: Duration) async throws {
        let deadline = ContinuousClock.now + timeout
        while true {
            let clusters = try await hostAPI.list(.federatedClusters).items
            let ready = clusters.filter { (try? FederatedCluster.decode($0))?.status.isReady ?? false }
            if ready.count == members.count { return }
            guard ContinuousClock.now < deadline else {
                throw ValidationFailure("only \(ready.count) of \(members.count) member clusters became Ready")
            }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    func stop() async {
        await host?.stop()
        for member in members { await member.server?.stop() }
    }

    /// The servers' resourceVersions: equal twice in a row means nobody wrote in between. A real
    /// API server's list resourceVersion is its storage's current revision, which every write moves.
    func serverVersions() async -> [String] {
        func version(_ server: KubeSimServer?, _ api: KubeAPI) async -> String {
            if let server { return await server.resourceVersion }
            return (try? await api.list(.namespaces, options: ListOptions(limit: 1)).resourceVersion) ?? "?"
        }
        var versions = [await version(host, hostAPI)]
        for member in members { versions.append(await version(member.server, member.api)) }
        return versions
    }
}
