import KubeClient

/// What the workload controller reports for metrics: how long planning took and what it wrote to
/// members. The process wires it to its metrics registry; the controller itself stays free of any
/// metrics library.
public protocol WorkloadObserver: Sendable {
    /// The engine planned one workload in `duration` (real time).
    func planned(duration: Duration)
    /// A member write: `created`, `updated`, `deleted`, `refused` or `failed`.
    func memberWrite(cluster: String, outcome: String)
}

/// Observes nothing.
public struct NoWorkloadObserver: WorkloadObserver {
    public init() {}
    public func planned(duration: Duration) {}
    public func memberWrite(cluster: String, outcome: String) {}
}
