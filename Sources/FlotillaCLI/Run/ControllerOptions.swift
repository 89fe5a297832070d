import Logging
import Telemetry

/// Every setting of `flotilla run`, resolved: defaults, then the configuration file, then flags
/// (flags win). `config/flotilla.yaml` documents each key; `docs/operations.md` the behaviour.
///
/// Guarantees: a value of this type has passed every check `load` makes: durations positive
/// (`resyncPeriod` may be 0: no periodic resync), `workers ≥ 1`, and leader-election timings that
/// `LeaderElector` accepts (`leaseDuration > renewDeadline > retryPeriod`, whole-second lease).
public struct ControllerOptions: Sendable, Equatable {
    /// The kubeconfig of the host (federation) cluster; `nil`: `$KUBECONFIG`, then
    /// `~/.kube/config`, then the in-cluster service account.
    public var kubeconfig: String?
    /// The kubeconfig context; `nil`: its current context.
    public var context: String?
    /// Where FederatedClusters' secrets and the leader-election lease live.
    public var federationNamespace: String = "kube-admiral-system"
    /// Reconciles run at once per controller.
    public var workers: Int = 4
    /// How often every object is reconciled again even without a change; `.zero` disables it.
    public var resyncPeriod: Duration = .seconds(600)
    /// How often each member cluster's health is probed.
    public var clusterHealthPeriod: Duration = .seconds(30)
    /// How long a member cluster may go without a successful probe before it is marked not ready.
    public var clusterStatusThreshold: Duration = .seconds(100)
    public var leaderElection = LeaderElection()
    /// Where `/metrics`, `/healthz` and `/readyz` listen.
    public var telemetryAddress = TelemetryAddress(host: "0.0.0.0", port: 8080)
    public var logFormat: LogFormat = .json
    public var logLevel: Logger.Level = .info

    /// Leader election among replicas of the controller (see `LeaderElector`).
    public struct LeaderElection: Sendable, Equatable {
        /// Off: this replica leads unconditionally (run exactly one replica then).
        public var enabled = true
        /// The lease's namespace; defaults to `federationNamespace`.
        public var namespace = "kube-admiral-system"
        public var leaseName = "flotilla-controller"
        public var leaseDuration: Duration = .seconds(15)
        public var renewDeadline: Duration = .seconds(10)
        public var retryPeriod: Duration = .seconds(2)

        public init() {}
    }

    /// The defaults, as documented in `config/flotilla.yaml`.
    public init() {}

    /// Reads `configFile` (YAML; `nil`: none), applies `overrides` (the flags) on top, and checks
    /// the result.
    ///
    /// - Throws: `ControllerOptionsError` naming the file or flag, the key and what is allowed:
    ///   an unreadable or malformed file, an unknown key, a value of the wrong type or out of
    ///   range, or settings that contradict each other.
    public static func load(configFile: String?, overrides: Overrides = Overrides()) throws(ControllerOptionsError)
        -> ControllerOptions
    {
        let file = try configFile.map { path throws(ControllerOptionsError) in try ConfigFile.read(path) } ?? Overrides()
        return try file.merged(with: overrides).resolved(source: configFile)
    }
}

/// A `host:port` to listen on: `0.0.0.0:8080`, `127.0.0.1:9090`, `[::]:8080`, or `:8080` (every
/// IPv4 interface).
public struct TelemetryAddress: Sendable, Equatable, CustomStringConvertible {
    public var host: String
    /// 0 picks a free port.
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `host:port`; `nil` when it is not one.
    public init?(parsing text: String) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
            (0...65535).contains(port)
        else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") {
            host = String(host.dropFirst().dropLast())
        } else if host.contains(":") {
            return nil  // an IPv6 address must be bracketed
        }
        if host.isEmpty { host = "0.0.0.0" }
        guard !host.contains(where: { $0 == " " || $0 == "/" || $0 == "[" || $0 == "]" }) else { return nil }
        self.init(host: host, port: port)
    }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
