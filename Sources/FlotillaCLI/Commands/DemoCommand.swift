import ArgumentParser
import Foundation
import KubeClient
import MemberSim

/// `flotilla demo`: the reference scenario on an embedded, simulated federation.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the multi-cloud GPU burst scenario on an embedded simulated federation.",
        discussion: """
            Starts an in-process host API server and one per member cluster (config/demo/federation.yaml), \
            a simulated kubelet, scheduler and autoscaler in each member, and Flotilla's cluster and workload \
            controllers against the host. It applies the scenario's policies and workloads \
            (config/scenario/), walks through steps A1-A6 and B1-B8 on a simulated clock (minutes of \
            scenario time take seconds), and after each step prints the pods per cluster and per pool \
            beside the scenario's expected table. Exits 1 if any step differs.

            With --serve it skips the walk, runs the federation on the real clock, writes kubeconfigs \
            for the host and each member, and waits for Ctrl-C: apply the scenario's YAML yourself and \
            watch with kubectl.
            """
    )

    @Option(name: .customLong("config"), help: "The simulated federation's configuration.")
    var configPath: String = "config/demo/federation.yaml"

    @Option(help: "Where the scenario's host YAML lives (policies.yaml, deployment-*.yaml).")
    var scenarioDirectory: String = "config/scenario"

    @Flag(help: "Leave the federation running for kubectl instead of walking the scenario.")
    var serve = false

    @Option(help: "With --serve: the directory for the kubeconfig files.")
    var kubeconfigDirectory: String = ".flotilla-demo"

    @Option(help: "With --serve: the host API server's port (0 picks a free one).")
    var hostPort: Int = 0

    @Option(
        help: ArgumentHelp(
            "Walk the scenario over API servers that already run: a directory with host.kubeconfig and one <display name>.kubeconfig per member.",
            discussion: "The members must be registered on the host already (CRDs, Secrets, FederatedClusters); hack/e2e/demo.sh does that for real kube-apiservers."))
    var external: String?

    func run() async throws {
        let config: FederationConfig
        do {
            config = try FederationConfig.load(file: configPath)
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
        if serve { return try await DemoServer(config: config, directory: kubeconfigDirectory, hostPort: hostPort).run() }

        let clock = ManualClock(wallTimeAtZero: Self.currentWallTime())
        let federation: SimulatedFederation
        do {
            if let external {
                federation = try SimulatedFederation.connect(config: config, clock: clock, kubeconfigDirectory: external)
            } else {
                federation = try await SimulatedFederation.start(config: config, clock: clock)
                try await federation.register()
            }
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
        let running = Task { await federation.run() }
        printUnbuffered(
            "Flotilla demo: host and \(federation.members.count) members "
                + (external == nil ? "in process" : "from \(external!)") + ", simulated clock")
        let runner = DemoRunner(
            federation: federation, clock: clock, scenarioDirectory: scenarioDirectory, output: { printUnbuffered($0) })
        let verdicts: [(step: String, verdict: DemoStep.Verdict)]
        do {
            verdicts = try await runner.run(.reference)
        } catch {
            running.cancel()
            await federation.stop()
            printError("error: \(error)")
            throw ExitCode(1)
        }
        running.cancel()
        await running.value
        await federation.stop()
        let matching = verdicts.filter { $0.verdict == .matches }.map(\.step)
        let planner = verdicts.filter { $0.verdict == .matchesPlanner }.map(\.step)
        let differing = verdicts.filter { $0.verdict == .differs }.map(\.step)
        var summary =
            "\nSummary: \(matching.count + planner.count)/\(verdicts.count) steps as expected, "
            + "\(matching.count) of them as the walkthrough's table"
        if !planner.isEmpty {
            summary +=
                "; \(planner.joined(separator: ", ")) as KubeAdmiral's planner, where the table differs (docs/demo.md)"
        }
        if !differing.isEmpty { summary += "; DIFFERING: \(differing.joined(separator: ", "))" }
        print(summary + ". Simulated time: \(clock.now.offset.components.seconds / 60) min.")
        if !differing.isEmpty { throw ExitCode(1) }
    }

    static func currentWallTime() -> Duration { SystemClock().wallTime }
}
