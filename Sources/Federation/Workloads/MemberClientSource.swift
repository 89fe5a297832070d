import KubeClient

/// Where the workload controller gets an API client for a member cluster.
///
/// The cluster controller's `MemberClients` is the production source; tests can hand in fixed
/// clients. `nil` means Flotilla cannot talk to that member now (unknown cluster, unusable
/// credentials): the controller then leaves the member's objects alone.
public protocol MemberClientSource: Sendable {
    func client(for cluster: String) async -> KubeAPI?

    /// Registers `handler` for every later addition, replacement or removal of a client (and
    /// reports the clients there are now as additions). The workload controller restarts a
    /// member's watches from it: after a credential rotation the old watch would go on reading
    /// through a client that is no longer handed out.
    func addHandler(_ handler: @escaping @Sendable (MemberClients.Change) async -> Void) async
}

extension MemberClientSource {
    /// Fixed sources never change.
    public func addHandler(_ handler: @escaping @Sendable (MemberClients.Change) async -> Void) async {}
}

/// A fixed set of member clients, by cluster name.
public struct StaticMemberClients: MemberClientSource {
    public var clients: [String: KubeAPI]

    public init(_ clients: [String: KubeAPI]) { self.clients = clients }

    public func client(for cluster: String) async -> KubeAPI? { clients[cluster] }
}

/// The cluster controller's clients serve the workload controller directly.
extension MemberClients: MemberClientSource {}
