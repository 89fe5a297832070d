import ArgumentParser
import Telemetry

/// `flotilla run`: the federation controller.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the federation controller against a host cluster.",
        discussion: """
            Watches the host's Deployments, KubeAdmiral policies and FederatedClusters, keeps member \
            clusters' status, places workloads and pushes them to the members (docs/controller.md). \
            Settings come from --config (see config/flotilla.yaml) and flags, flags winning. Serves \
            /metrics, /healthz and /readyz on the telemetry address. With leader election on (the \
            default), only the replica holding the lease works; the others stand by. SIGTERM or \
            Ctrl-C stops it cleanly and releases the lease.
            """
    )

    @OptionGroup var options: RunOptions

    func run() async throws {
        let settings: ControllerOptions
        do {
            settings = try options.load()
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
        _ = TelemetryLogging.bootstrap(format: settings.logFormat, level: settings.logLevel)
        do {
            try await ControllerProcess(options: settings).run()
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
    }
}
