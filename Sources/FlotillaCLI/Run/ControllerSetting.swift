import KubeObjects

/// One setting of `flotilla run`: its key in the configuration file, its flag, and how its value
/// is read into `ControllerOptions.Overrides`. The table below is the single list of settings
/// that the file reader, the flags and the error messages share.
struct ControllerSetting: Sendable {
    typealias Overrides = ControllerOptions.Overrides

    /// Dotted for nested keys: `leaderElection.leaseDuration`.
    let key: String
    let flag: String
    let apply: @Sendable (JSONValue, inout Overrides) throws(SettingParsers.Failure) -> Void

    init<Value>(
        _ key: String, _ flag: String, _ parse: @escaping @Sendable (JSONValue) throws(SettingParsers.Failure) -> Value,
        _ write: @escaping @Sendable (inout Overrides, Value) -> Void
    ) {
        self.key = key
        self.flag = flag
        self.apply = { value, overrides throws(SettingParsers.Failure) in write(&overrides, try parse(value)) }
    }

    /// Reads `value` into `overrides`; errors name `source` (a file or the flag) and the key.
    func apply(_ value: JSONValue, to overrides: inout Overrides, source: String) throws(ControllerOptionsError) {
        do {
            try apply(value, &overrides)
        } catch {
            throw ControllerOptionsError(source: source, key: source == flag ? nil : key, error.message)
        }
    }

    static let all: [ControllerSetting] = [
        .init("kubeconfig", "--kubeconfig", SettingParsers.text) { $0.kubeconfig = $1 },
        .init("context", "--context", SettingParsers.text) { $0.context = $1 },
        .init("federationNamespace", "--federation-namespace", SettingParsers.namespace) { $0.federationNamespace = $1 },
        .init("workers", "--workers", SettingParsers.workers) { $0.workers = $1 },
        .init("resyncPeriod", "--resync-period", SettingParsers.duration(allowZero: true)) { $0.resyncPeriod = $1 },
        .init("clusterHealthPeriod", "--cluster-health-period", SettingParsers.duration(allowZero: false)) {
            $0.clusterHealthPeriod = $1
        },
        .init("clusterStatusThreshold", "--cluster-status-threshold", SettingParsers.duration(allowZero: false)) {
            $0.clusterStatusThreshold = $1
        },
        .init("leaderElection.enabled", "--leader-elect", SettingParsers.flag) { $0.leaderElectionEnabled = $1 },
        .init("leaderElection.namespace", "--leader-election-namespace", SettingParsers.namespace) {
            $0.leaderElectionNamespace = $1
        },
        .init("leaderElection.leaseName", "--leader-election-lease-name", SettingParsers.text) { $0.leaseName = $1 },
        .init("leaderElection.leaseDuration", "--leader-election-lease-duration", SettingParsers.wholeSeconds) {
            $0.leaseDuration = $1
        },
        .init("leaderElection.renewDeadline", "--leader-election-renew-deadline", SettingParsers.duration(allowZero: false)) {
            $0.renewDeadline = $1
        },
        .init("leaderElection.retryPeriod", "--leader-election-retry-period", SettingParsers.duration(allowZero: false)) {
            $0.retryPeriod = $1
        },
        .init("telemetryAddress", "--telemetry-address", SettingParsers.address) { $0.telemetryAddress = $1 },
        .init("logFormat", "--log-format", SettingParsers.choice) { $0.logFormat = $1 },
        .init("logLevel", "--log-level", SettingParsers.choice) { $0.logLevel = $1 },
    ]

    static func named(_ key: String) -> ControllerSetting? { all.first { $0.key == key } }

    static func flagged(_ flag: String) -> ControllerSetting {
        guard let setting = all.first(where: { $0.flag == flag }) else { preconditionFailure("no setting has flag \(flag)") }
        return setting
    }
}
