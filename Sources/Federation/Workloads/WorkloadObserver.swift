import KubeClient

/// What the workload controller reports for metrics: how long planning took and what it wrote to
/// members. The process wires it to its metrics registry; the controller itself stays free of any
/// metrics library.
public protocol WorkloadObserver: Sendable {
    /// The engine planned one workload in `duration` (real time).
    func planned(duration: Duration)
    /// A member write: `created`, `updated`, `deleted`, `refused` or `failed`.
    func memberWrite(cluster: String, outcome: String)
    /// A reconcile stopped at once: nothing it reads had changed since the last complete one.
    func unchanged()
}

extension WorkloadObserver {
    public func unchanged() {}
}

/// Observes nothing.
public struct NoWorkloadObserver: WorkloadObserver {
    public init() {}
    public func planned(duration: Duration) {}
    public func memberWrite(cluster: String, outcome: String) {}
}
