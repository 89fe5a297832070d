import ArgumentParser
import Foundation
import Testing

@testable import FlotillaCLI

/// `flotilla run`'s settings: defaults, the configuration file, flags over it, and the errors a
/// user sees for a bad file or flag.
@Suite struct ControllerOptionsTests {
    static let exampleConfig = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("config/flotilla.yaml").path

    /// Loads `yaml` as the configuration file (named `flotilla.yaml` in a fresh directory) with `flags`.
    func load(_ yaml: String?, _ flags: [String] = []) throws -> ControllerOptions {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let path = try yaml.map { try sandbox.write("flotilla.yaml", $0) }
        return try RunOptions.parse(path.map { ["--config", $0] + flags } ?? flags).load()
    }

    /// The error for `yaml` (and `flags`), with the sandbox path shortened to the file name.
    func error(_ yaml: String?, _ flags: [String] = []) -> String? {
        do {
            _ = try load(yaml, flags)
            return nil
        } catch let error as ControllerOptionsError {
            var copy = error
            copy.source = copy.source.map { $0.hasSuffix("flotilla.yaml") ? "flotilla.yaml" : $0 }
            return copy.description
        } catch {
            return RunOptions.message(for: error)
        }
    }

    @Test func withNeitherFileNorFlagsEverySettingHasItsDocumentedDefault() throws {
        let options = try load(nil)
        #expect(options.kubeconfig == nil)
        #expect(options.context == nil)
        #expect(options.federationNamespace == "kube-admiral-system")
        #expect(options.workers == 4)
        #expect(options.resyncPeriod == .seconds(600))
        #expect(options.clusterHealthPeriod == .seconds(30))
        #expect(options.clusterStatusThreshold == .seconds(100))
        #expect(options.leaderElection.enabled)
        #expect(options.leaderElection.namespace == "kube-admiral-system")
        #expect(options.leaderElection.leaseName == "flotilla-controller")
        #expect(options.leaderElection.leaseDuration == .seconds(15))
        #expect(options.leaderElection.renewDeadline == .seconds(10))
        #expect(options.leaderElection.retryPeriod == .seconds(2))
        #expect(options.telemetryAddress == TelemetryAddress(host: "0.0.0.0", port: 8080))
        #expect(options.logFormat == .json)
        #expect(options.logLevel == .info)
    }

    @Test func theDocumentedExampleConfigLoadsAndStatesTheDefaults() throws {
        let text = try String(contentsOfFile: Self.exampleConfig, encoding: .utf8)
        #expect(try load(text) == ControllerOptions())
        // It documents every setting.
        for setting in ControllerSetting.all {
            let leaf = String(setting.key.split(separator: ".").last!)
            #expect(text.contains("\n\(leaf):") || text.contains("  \(leaf):"), "config/flotilla.yaml lacks \(setting.key)")
            #expect(text.contains(setting.flag), "config/flotilla.yaml does not name \(setting.flag)")
        }
    }

    @Test func fileSettingsApplyAndFlagsWinOverThem() throws {
        let yaml = """
            kubeconfig: /etc/flotilla/host.kubeconfig
            federationNamespace: federation
            workers: 8
            resyncPeriod: 0
            clusterHealthPeriod: 1m
            clusterStatusThreshold: 2m30s
            leaderElection: {leaseName: lease-a, leaseDuration: 20s, renewDeadline: 12s, retryPeriod: 1500ms}
            telemetryAddress: "[::]:9090"
            logFormat: text
            logLevel: debug
            """
        let fromFile = try load(yaml)
        #expect(fromFile.kubeconfig == "/etc/flotilla/host.kubeconfig")
        #expect(fromFile.workers == 8)
        #expect(fromFile.resyncPeriod == .zero)
        #expect(fromFile.clusterHealthPeriod == .seconds(60))
        #expect(fromFile.clusterStatusThreshold == .seconds(150))
        #expect(fromFile.leaderElection.namespace == "federation", "the lease follows the federation namespace")
        #expect(fromFile.leaderElection.leaseName == "lease-a")
        #expect(fromFile.leaderElection.retryPeriod == .milliseconds(1500))
        #expect(fromFile.telemetryAddress == TelemetryAddress(host: "::", port: 9090))
        #expect(fromFile.logFormat == .text)
        #expect(fromFile.logLevel == .debug)

        let flagged = try load(yaml, [
            "--workers", "2", "--log-level", "warning", "--no-leader-elect", "--leader-election-namespace", "leases",
            "--telemetry-address", ":8081", "--context", "prod",
        ])
        #expect(flagged.workers == 2)
        #expect(flagged.logLevel == .warning)
        #expect(!flagged.leaderElection.enabled)
        #expect(flagged.leaderElection.namespace == "leases")
        #expect(flagged.telemetryAddress == TelemetryAddress(host: "0.0.0.0", port: 8081))
        #expect(flagged.context == "prod")
        #expect(flagged.logFormat == .text, "settings without a flag keep the file's value")
        #expect(flagged.leaderElection.leaseDuration == .seconds(20))
    }

    @Test func everySettingHasAWorkingFlag() throws {
        let flags = [
            "--kubeconfig", "k", "--context", "c", "--federation-namespace", "fed", "--workers", "3",
            "--resync-period", "5m", "--cluster-health-period", "10s", "--cluster-status-threshold", "40s",
            "--leader-elect", "--leader-election-namespace", "ns", "--leader-election-lease-name", "l",
            "--leader-election-lease-duration", "30s", "--leader-election-renew-deadline", "20s",
            "--leader-election-retry-period", "5s", "--telemetry-address", "127.0.0.1:0", "--log-format", "text",
            "--log-level", "error",
        ]
        let options = try load(nil, flags)
        var expected = ControllerOptions()
        expected.kubeconfig = "k"
        expected.context = "c"
        expected.federationNamespace = "fed"
        expected.workers = 3
        expected.resyncPeriod = .seconds(300)
        expected.clusterHealthPeriod = .seconds(10)
        expected.clusterStatusThreshold = .seconds(40)
        expected.leaderElection.namespace = "ns"
        expected.leaderElection.leaseName = "l"
        expected.leaderElection.leaseDuration = .seconds(30)
        expected.leaderElection.renewDeadline = .seconds(20)
        expected.leaderElection.retryPeriod = .seconds(5)
        expected.telemetryAddress = TelemetryAddress(host: "127.0.0.1", port: 0)
        expected.logFormat = .text
        expected.logLevel = .error
        #expect(options == expected)
        #expect(Set(ControllerSetting.all.map(\.flag)).isSubset(of: Set(flags.filter { $0.hasPrefix("--") })))
    }

    @Test func unknownKeysAreErrorsNamingTheFileTheKeyAndWhatIsAllowed() {
        #expect(error("workerz: 4") == "flotilla.yaml: workerz: unknown key; allowed here: clusterHealthPeriod, "
            + "clusterStatusThreshold, context, federationNamespace, kubeconfig, leaderElection, logFormat, logLevel, "
            + "resyncPeriod, telemetryAddress, workers")
        #expect(error("leaderElection: {leaseDurationSeconds: 15}") == "flotilla.yaml: leaderElection.leaseDurationSeconds: "
            + "unknown key; allowed here: enabled, leaseDuration, leaseName, namespace, renewDeadline, retryPeriod")
    }

    @Test func badValuesAreErrorsNamingTheKeyAndWhatIsAllowed() {
        #expect(error("resyncPeriod: 10 minutes") == "flotilla.yaml: resyncPeriod: \"10 minutes\" is not a duration: "
            + "write a Go duration such as 30s, 1m30s or 10m (0 disables it)")
        #expect(error("clusterHealthPeriod: 0s") == "flotilla.yaml: clusterHealthPeriod: \"0s\" is not allowed: it must be positive")
        #expect(error("workers: 0") == "flotilla.yaml: workers: 0 is not allowed: write a whole number from 1 to 1024")
        #expect(error("workers: \"4\"") == "flotilla.yaml: workers: \"4\" is not allowed: write a whole number from 1 to 1024")
        #expect(error("logLevel: verbose") == "flotilla.yaml: logLevel: \"verbose\" is not allowed: write one of trace, "
            + "debug, info, notice, warning, error, critical")
        #expect(error("logFormat: yaml") == "flotilla.yaml: logFormat: \"yaml\" is not allowed: write one of json, text")
        #expect(error("telemetryAddress: 8080") == "flotilla.yaml: telemetryAddress: 8080 is not an address: "
            + "write host:port, such as 0.0.0.0:8080, :8080 or [::]:8080")
        #expect(error("telemetryAddress: \"0.0.0.0:99999\"")?.contains("is not an address") == true)
        #expect(error("leaderElection: {enabled: maybe}") == "flotilla.yaml: leaderElection.enabled: \"maybe\" is not "
            + "allowed: write true or false")
        #expect(error("leaderElection: {leaseDuration: 15.5s}") == "flotilla.yaml: leaderElection.leaseDuration: "
            + "\"15.5s\" is not allowed: the lease stores whole seconds (write e.g. 15s)")
        #expect(error("federationNamespace: Kube_Admiral")?.hasPrefix("flotilla.yaml: federationNamespace: \"Kube_Admiral\" is not a namespace name") == true)
        #expect(error("leaderElection: on") == "flotilla.yaml: leaderElection: must be a mapping of its settings, got a boolean")
    }

    @Test func malformedOrMissingFilesAreErrorsNamingTheFile() throws {
        #expect(error("- workers: 4") == "flotilla.yaml: must be a YAML mapping of settings, got an array")
        let syntax = error("workers: 4\nlogLevel: [debug\n")
        #expect(syntax?.contains("flotilla.yaml:") == true && syntax?.contains(":3:") == true, "\(syntax ?? "no error")")
        #expect(error("workers: 4\n---\nworkers: 5\n") == "flotilla.yaml: holds 2 YAML documents; write one mapping")
        #expect(try load("") == ControllerOptions(), "an empty file changes nothing")
        let missing = "/nonexistent/flotilla.yaml"
        #expect(throws: ControllerOptionsError(source: missing, key: nil, "no such file")) {
            try ControllerOptions.load(configFile: missing)
        }
    }

    @Test func contradictorySettingsAreErrorsNamingBothKeys() {
        #expect(error("leaderElection: {leaseDuration: 10s}") == "leaderElection.leaseDuration: 10s must be longer than "
            + "leaderElection.renewDeadline (10s), or a successor could take over before the leader steps down")
        #expect(error(nil, ["--leader-election-retry-period", "10s"]) == "leaderElection.renewDeadline: 10s must be "
            + "longer than leaderElection.retryPeriod (10s), or a leader could not retry a failed renewal")
        #expect(error("clusterStatusThreshold: 20s") == "clusterStatusThreshold: 20s is shorter than clusterHealthPeriod "
            + "(30s): every cluster would turn not ready between two probes")
        #expect(error("leaderElection: {enabled: false, leaseDuration: 10s}") == nil, "timings do not matter when off")
    }

    @Test func badFlagsAreUsageErrorsNamingTheFlag() {
        #expect(error(nil, ["--resync-period", "soon"]) == "--resync-period: \"soon\" is not a duration: write a Go "
            + "duration such as 30s, 1m30s or 10m (0 disables it)")
        #expect(error(nil, ["--log-format", "xml"]) == "--log-format: \"xml\" is not allowed: write one of json, text")
        #expect(error(nil, ["--workers=0"]) == "--workers: 0 is not allowed: write a whole number from 1 to 1024")
    }

    @Test func aShutdownSignalIsAwaitedAndAWaitEndsWhenCancelled() async throws {
        let shutdown = ShutdownSignal(signals: [SIGUSR2], exitOnSecondSignal: false)
        let cancelled = Task { await shutdown.wait() }
        cancelled.cancel()
        #expect(await cancelled.value == nil)
        #expect(shutdown.received == nil)
        kill(getpid(), SIGUSR2)
        #expect(await shutdown.wait() == "SIGUSR2")
        #expect(await shutdown.wait() == "SIGUSR2", "later waiters return at once")
    }
}
