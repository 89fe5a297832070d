/// How often and how patiently the cluster controller checks members (kubeadmiral-api.md §5.2).
public struct ClusterHealthSettings: Sendable, Equatable {
    /// Time between two probes of one member: KubeAdmiral's `--cluster-health-check-period`
    /// (default 30 s; KubeAdmiral refuses less than 15 s, Flotilla lets tests go lower).
    public var healthCheckPeriod: Duration
    /// How long a change of Ready or Offline must last before it is published:
    /// `--cluster-status-threshold` (default 100 s). See `FlapThreshold`.
    public var statusThreshold: Duration
    /// Members probed at once. A member that does not answer holds one worker for its timeouts
    /// and never delays the others while workers are free.
    public var workers: Int

    public init(healthCheckPeriod: Duration = .seconds(30), statusThreshold: Duration = .seconds(100), workers: Int = 8)
    {
        precondition(workers >= 1, "the cluster controller needs at least one worker")
        self.healthCheckPeriod = healthCheckPeriod
        self.statusThreshold = statusThreshold
        self.workers = workers
    }

    /// Each probe request's timeout: min(period / 2, 30 s), as in KubeAdmiral.
    public var probeTimeout: Duration { min(healthCheckPeriod / 2, .seconds(30)) }
}
