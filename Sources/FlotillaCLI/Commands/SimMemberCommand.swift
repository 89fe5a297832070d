import ArgumentParser
import Foundation
import KubeClient
import MemberSim

/// `flotilla sim-member`: plays one configured member cluster (controllers, scheduler, kubelets,
/// autoscaler) against any API server, on the real clock, until SIGINT or SIGTERM.
struct SimMemberCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sim-member",
        abstract: "Simulate one member cluster's controllers, scheduler and node pools against an API server.",
        discussion: """
            Reads the federation configuration (node pools, ResourcePolicies), creates the member's \
            ResourcePolicy CRDs, policies and nodes when absent, then turns Deployments into ReplicaSets \
            and pods, places pods by the ResourcePolicy, and grows and shrinks the autoscaled pools. It \
            needs no controller-manager, scheduler or kubelet: it only talks to the API server, so it \
            runs against `flotilla sim-apiserver` or a bare kube-apiserver alike. Stops on Ctrl-C or \
            SIGTERM; exits 1 when the configuration or the cluster cannot be used.
            """
    )

    @Option(help: "The kubeconfig file (default: $KUBECONFIG, then ~/.kube/config).")
    var kubeconfig: String?

    @Option(help: "The kubeconfig context (default: its current context).")
    var context: String?

    @Option(name: .customLong("config"), help: "The simulated federation's configuration.")
    var configPath: String = "config/demo/federation.yaml"

    @Option(help: "The member to simulate: its FederatedCluster name or display name (e.g. ACK-POC).")
    var cluster: String

    func validate() throws {
        guard !cluster.isEmpty else { throw ValidationError("--cluster must name a member of the configuration.") }
    }

    private enum Outcome: Sendable {
        case signal(String)
        case finished(String?)
    }

    func run() async throws {
        let member: MemberConfig
        let api: KubeAPI
        do {
            let config = try FederationConfig.load(file: configPath)
            guard let found = config.member(named: cluster) else {
                let names = config.members.map { "\($0.displayName) (\($0.name))" }.joined(separator: ", ")
                printError("error: \(configPath) has no member \(cluster); it has \(names)")
                throw ExitCode(1)
            }
            member = found
            api = KubeAPI(connection: try KubeconfigLoader(explicitPath: kubeconfig, context: context).load())
        } catch let exit as ExitCode {
            throw exit
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
        let simulator = MemberSimulator(member: member, api: api, clock: SystemClock()) { printUnbuffered($0) }
        printUnbuffered("simulating \(member.displayName) (\(member.name)): pools \(member.pools.map(\.name).joined(separator: ", "))")

        let (outcomes, report) = AsyncStream.makeStream(of: Outcome.self)
        let running = Task {
            do {
                try await simulator.run()
                report.yield(.finished(nil))
            } catch {
                report.yield(.finished("\(error)"))
            }
        }
        Task { report.yield(.signal(await SimAPIServerCommand.waitForTermination())) }
        Task {
            guard (try? await simulator.waitUntilIdle()) != nil else { return }
            printUnbuffered("\(member.displayName) is set up and settled")
        }
        for await outcome in outcomes {
            switch outcome {
            case .signal(let name):
                printUnbuffered("received \(name), stopping")
                running.cancel()
                await running.value
                return
            case .finished(let failure):
                printError("error: \(member.displayName): \(failure ?? "the simulator stopped")")
                throw ExitCode(1)
            }
        }
    }
}
