/// Why a leader elector cannot be set up, or why the lease it read cannot be used.
///
/// Timing errors come from `LeaderElector.init`; a malformed lease is reported through
/// `LeaderElectionEvent.attemptFailed` and retried at the next period, since another writer
/// (or a person with `kubectl edit`) may fix it.
public struct LeaderElectionError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: Sendable, Hashable {
        /// An identity, name or duration the elector cannot work with.
        case invalidConfiguration
        /// The lease object exists but a field of its spec has the wrong type.
        case malformedLease
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
