/// What `/readyz` answers: ready (200 `ok`), or not yet with the reason (503), such as "informer
/// caches have not synced" or "not the leader". Kubernetes stops sending traffic to a pod that is
/// not ready but does not restart it; `/healthz` is the probe that restarts.
public enum Readiness: Sendable, Equatable {
    case ready
    case notReady(String)
}
