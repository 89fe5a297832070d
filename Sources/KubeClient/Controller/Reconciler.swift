/// Brings one object's world in line with its spec.
///
/// A reconciler is told only which object (`ObjectKey`), never why it runs: a change, a retry, a
/// timer and a resync look the same, which forces reconciles to be idempotent and level-based.
/// It re-reads the object from a store; a missing object means it was deleted.
///
/// The outcome is either returned or thrown, never both: `ReconcileAction` says what to do after a
/// success, and a thrown error asks for a rate-limited retry unless it is a terminal
/// `ReconcileError`.
public protocol Reconciler: Sendable {
    func reconcile(_ key: ObjectKey) async throws -> ReconcileAction
}

/// What a successful reconcile asks of the queue.
public enum ReconcileAction: Sendable, Hashable {
    /// Nothing more until the next change to the key.
    case done
    /// Look again after this long, even without a change (polling something outside the
    /// cluster, a timer that expires). Resets the key's failure backoff.
    case requeue(after: Duration)
}

/// An error that knows whether retrying can help.
///
/// Errors that do not conform are retried with backoff. A terminal error (an invalid spec, a
/// policy that names a missing cluster) is reported and not retried: the next change to the
/// object queues it again.
public protocol ReconcileError: Error {
    var isTerminal: Bool { get }
}
