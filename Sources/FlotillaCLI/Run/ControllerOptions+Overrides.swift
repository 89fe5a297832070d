import Logging
import Telemetry

extension ControllerOptions {
    /// Settings given explicitly, in the configuration file or as flags; a `nil` field leaves the
    /// value beneath it (the file's, or the default) in place.
    public struct Overrides: Sendable, Equatable {
        public var kubeconfig: String?
        public var context: String?
        public var federationNamespace: String?
        public var workers: Int?
        public var resyncPeriod: Duration?
        public var clusterHealthPeriod: Duration?
        public var clusterStatusThreshold: Duration?
        public var leaderElectionEnabled: Bool?
        public var leaderElectionNamespace: String?
        public var leaseName: String?
        public var leaseDuration: Duration?
        public var renewDeadline: Duration?
        public var retryPeriod: Duration?
        public var telemetryAddress: TelemetryAddress?
        public var logFormat: LogFormat?
        public var logLevel: Logger.Level?

        public init() {}

        /// These settings with `top`'s laid over them.
        func merged(with top: Overrides) -> Overrides {
            var result = self
            result.kubeconfig = top.kubeconfig ?? kubeconfig
            result.context = top.context ?? context
            result.federationNamespace = top.federationNamespace ?? federationNamespace
            result.workers = top.workers ?? workers
            result.resyncPeriod = top.resyncPeriod ?? resyncPeriod
            result.clusterHealthPeriod = top.clusterHealthPeriod ?? clusterHealthPeriod
            result.clusterStatusThreshold = top.clusterStatusThreshold ?? clusterStatusThreshold
            result.leaderElectionEnabled = top.leaderElectionEnabled ?? leaderElectionEnabled
            result.leaderElectionNamespace = top.leaderElectionNamespace ?? leaderElectionNamespace
            result.leaseName = top.leaseName ?? leaseName
            result.leaseDuration = top.leaseDuration ?? leaseDuration
            result.renewDeadline = top.renewDeadline ?? renewDeadline
            result.retryPeriod = top.retryPeriod ?? retryPeriod
            result.telemetryAddress = top.telemetryAddress ?? telemetryAddress
            result.logFormat = top.logFormat ?? logFormat
            result.logLevel = top.logLevel ?? logLevel
            return result
        }

        /// The defaults with these settings applied, checked as a whole. Each value alone was
        /// checked when it was read; here only the rules that relate two settings remain.
        func resolved(source: String?) throws(ControllerOptionsError) -> ControllerOptions {
            var options = ControllerOptions()
            options.kubeconfig = kubeconfig
            options.context = context
            options.federationNamespace = federationNamespace ?? options.federationNamespace
            options.workers = workers ?? options.workers
            options.resyncPeriod = resyncPeriod ?? options.resyncPeriod
            options.clusterHealthPeriod = clusterHealthPeriod ?? options.clusterHealthPeriod
            options.clusterStatusThreshold = clusterStatusThreshold ?? options.clusterStatusThreshold
            var election = LeaderElection()
            election.enabled = leaderElectionEnabled ?? election.enabled
            election.namespace = leaderElectionNamespace ?? options.federationNamespace
            election.leaseName = leaseName ?? election.leaseName
            election.leaseDuration = leaseDuration ?? election.leaseDuration
            election.renewDeadline = renewDeadline ?? election.renewDeadline
            election.retryPeriod = retryPeriod ?? election.retryPeriod
            options.leaderElection = election
            options.telemetryAddress = telemetryAddress ?? options.telemetryAddress
            options.logFormat = logFormat ?? options.logFormat
            options.logLevel = logLevel ?? options.logLevel
            try options.checkConsistency()
            return options
        }
    }

    /// The rules between settings, which may come from the file, from flags or from defaults.
    func checkConsistency() throws(ControllerOptionsError) {
        func fail(_ key: String, _ message: String) -> ControllerOptionsError {
            ControllerOptionsError(source: nil, key: key, message)
        }
        let format = SettingParsers.formatDuration
        if clusterStatusThreshold < clusterHealthPeriod {
            throw fail(
                "clusterStatusThreshold",
                "\(format(clusterStatusThreshold)) is shorter than clusterHealthPeriod (\(format(clusterHealthPeriod))): "
                    + "every cluster would turn not ready between two probes")
        }
        let election = leaderElection
        guard election.enabled else { return }
        if election.renewDeadline <= election.retryPeriod {
            throw fail(
                "leaderElection.renewDeadline",
                "\(format(election.renewDeadline)) must be longer than leaderElection.retryPeriod "
                    + "(\(format(election.retryPeriod))), or a leader could not retry a failed renewal")
        }
        if election.leaseDuration <= election.renewDeadline {
            throw fail(
                "leaderElection.leaseDuration",
                "\(format(election.leaseDuration)) must be longer than leaderElection.renewDeadline "
                    + "(\(format(election.renewDeadline))), or a successor could take over before the leader steps down")
        }
    }
}
