import ArgumentParser
import Federation
import Foundation
import KubeClient
import Placement

/// `flotilla clusters`: the member clusters as the host lists them, each checked now. It reads the
/// FederatedClusters and their Secrets from the host and probes every member itself, in parallel,
/// the way the cluster controller does, so it works whether or not a controller runs.
struct ClustersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clusters",
        abstract: "Check every member cluster: ready, joined, GPUs, nodes, and why not.",
        discussion: """
            Reads the FederatedClusters on the host and the Secrets they name (in the federation \
            namespace), then probes each member's /healthz, nodes, pods and discovery with the given \
            timeout. GPUS is available/allocatable nvidia.com/gpu over schedulable nodes. Exits 0 \
            when the host could be read, even if members are down; 1 when it could not.
            """
    )

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case table, json
    }

    @Option(help: "The kubeconfig of the host (default: KUBECONFIG, then ~/.kube/config).")
    var kubeconfig: String?

    @Option(help: "The kubeconfig context of the host (default: its current-context).")
    var context: String?

    @Option(name: .customLong("federation-namespace"), help: "Where the members' Secrets live.")
    var federationNamespace: String = FederationSettings().federationNamespace

    @Option(help: "Each request's timeout, for the host and for every member (5s, 500ms, 1m).")
    var timeout: String = "5s"

    @Option(name: [.short, .customLong("output")], help: "Output format: table or json.")
    var output: OutputFormat = .table

    func validate() throws {
        guard let duration = GoDuration.parse(timeout), duration > .zero else {
            throw ValidationError("--timeout must be a positive duration such as 5s, 500ms or 1m.")
        }
        guard !federationNamespace.isEmpty else { throw ValidationError("--federation-namespace must not be empty.") }
    }

    func run() async throws {
        let requestTimeout = GoDuration.parse(timeout) ?? .seconds(5)
        let host: KubeAPI
        do {
            let connection = try KubeconfigLoader(explicitPath: kubeconfig, context: context).load()
            var api = KubeAPI(connection: connection, retryPolicy: .never)
            api.requestTimeout = requestTimeout
            host = api
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
        let inventory: HostClusters
        do {
            inventory = try await HostClusters.read(from: host, namespace: federationNamespace)
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
        let reports = await withTaskGroup(of: MemberReport.self) { group in
            for object in inventory.clusters {
                group.addTask { [federationNamespace] in
                    await MemberReport.check(
                        object, secrets: inventory.secrets, namespace: federationNamespace, timeout: requestTimeout)
                }
            }
            return await group.reduce(into: []) { $0.append($1) }.sorted { $0.name < $1.name }
        }
        let now = Timestamp(nanosecondsSinceEpoch: Int64((Date().timeIntervalSince1970 * 1e9).rounded(.down)))
        switch output {
        case .table:
            if reports.isEmpty {
                printError("no FederatedClusters on the host")
            } else {
                print(ClustersOutput.table(reports, now: now), terminator: "")
            }
        case .json:
            print(ClustersOutput.json(reports, now: now).prettyJSONString)
        }
    }
}
