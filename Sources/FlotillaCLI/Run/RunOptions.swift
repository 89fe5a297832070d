import ArgumentParser
import KubeObjects

/// The flags of `flotilla run`, for `RunCommand` to embed with `@OptionGroup`. Every setting of
/// the configuration file has a flag, and a flag given wins over the file.
///
/// Usage: `let options = try runOptions.load()` in `run()`; `validate()` has already rejected
/// malformed flag values with a usage error naming the flag.
public struct RunOptions: ParsableArguments {
    @Option(name: .customLong("config"), help: "A YAML configuration file (see config/flotilla.yaml); flags override it.")
    public var configFile: String?

    @Option(help: "The host cluster's kubeconfig (default: $KUBECONFIG, ~/.kube/config, then in-cluster).")
    public var kubeconfig: String?

    @Option(help: "The kubeconfig context to use (default: its current context).")
    public var context: String?

    @Option(help: "The namespace of FederatedCluster secrets and of the leader-election lease (default kube-admiral-system).")
    public var federationNamespace: String?

    @Option(help: "Reconciles run at once per controller (default 4).")
    public var workers: Int?

    @Option(help: "Reconcile every object again this often, e.g. 10m; 0 disables (default 10m).")
    public var resyncPeriod: String?

    @Option(help: "How often to probe each member cluster (default 30s).")
    public var clusterHealthPeriod: String?

    @Option(help: "How long a member may fail probes before it is marked not ready (default 100s).")
    public var clusterStatusThreshold: String?

    @Flag(inversion: .prefixedNo, help: "Elect one leader among replicas through a Lease (default on).")
    public var leaderElect: Bool?

    @Option(help: "The lease's namespace (default: the federation namespace).")
    public var leaderElectionNamespace: String?

    @Option(help: "The lease's name (default flotilla-controller).")
    public var leaderElectionLeaseName: String?

    @Option(help: "How long others wait before taking over from a silent leader (default 15s).")
    public var leaderElectionLeaseDuration: String?

    @Option(help: "How long a leader tries to renew before it steps down (default 10s).")
    public var leaderElectionRenewDeadline: String?

    @Option(help: "Between attempts to acquire or renew the lease (default 2s).")
    public var leaderElectionRetryPeriod: String?

    @Option(help: "host:port for /metrics, /healthz and /readyz (default 0.0.0.0:8080).")
    public var telemetryAddress: String?

    @Option(help: "Log lines as json or text (default json).")
    public var logFormat: String?

    @Option(help: "trace, debug, info, notice, warning, error or critical (default info).")
    public var logLevel: String?

    public init() {}

    public func validate() throws {
        do {
            _ = try overrides()
        } catch {
            throw ValidationError(error.description)
        }
    }

    /// The settings given as flags.
    public func overrides() throws(ControllerOptionsError) -> ControllerOptions.Overrides {
        let given: [(flag: String, value: JSONValue?)] = [
            ("--kubeconfig", kubeconfig.map(JSONValue.string)), ("--context", context.map(JSONValue.string)),
            ("--federation-namespace", federationNamespace.map(JSONValue.string)),
            ("--workers", workers.map { .int(Int64($0)) }), ("--resync-period", resyncPeriod.map(JSONValue.string)),
            ("--cluster-health-period", clusterHealthPeriod.map(JSONValue.string)),
            ("--cluster-status-threshold", clusterStatusThreshold.map(JSONValue.string)),
            ("--leader-elect", leaderElect.map(JSONValue.bool)),
            ("--leader-election-namespace", leaderElectionNamespace.map(JSONValue.string)),
            ("--leader-election-lease-name", leaderElectionLeaseName.map(JSONValue.string)),
            ("--leader-election-lease-duration", leaderElectionLeaseDuration.map(JSONValue.string)),
            ("--leader-election-renew-deadline", leaderElectionRenewDeadline.map(JSONValue.string)),
            ("--leader-election-retry-period", leaderElectionRetryPeriod.map(JSONValue.string)),
            ("--telemetry-address", telemetryAddress.map(JSONValue.string)),
            ("--log-format", logFormat.map(JSONValue.string)), ("--log-level", logLevel.map(JSONValue.string)),
        ]
        var overrides = ControllerOptions.Overrides()
        for (flag, value) in given {
            guard let value else { continue }
            try ControllerSetting.flagged(flag).apply(value, to: &overrides, source: flag)
        }
        return overrides
    }

    /// The configuration file (when `--config` is given) with the flags over it, checked.
    public func load() throws(ControllerOptionsError) -> ControllerOptions {
        try ControllerOptions.load(configFile: configFile, overrides: overrides())
    }
}
