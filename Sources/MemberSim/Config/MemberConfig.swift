import KubeObjects

/// One simulated member cluster: how the federation names it, and what it runs.
public struct MemberConfig: Sendable, Hashable {
    /// The FederatedCluster's name on the host (`cclt81kqnjbeqedvbbt0g`).
    public var name: String
    /// What people call it (`VKE-POC1`): the demo's column header.
    public var displayName: String
    /// The cloud region (`cn-beijing`): node topology labels and virtual-kubelet node names.
    public var region: String
    /// The FederatedCluster's labels (cloud, region, display name), for the demo to apply.
    public var labels: [String: String]
    /// In the order the configuration lists them, which is the order of the demo's columns.
    public var pools: [NodePoolConfig]
    /// The ResourcePolicies the member starts with, created if absent.
    public var resourcePolicies: [PolicyDocument]

    public init(
        name: String, displayName: String, region: String, labels: [String: String] = [:],
        pools: [NodePoolConfig], resourcePolicies: [PolicyDocument] = []
    ) {
        self.name = name
        self.displayName = displayName
        self.region = region
        self.labels = labels
        self.pools = pools
        self.resourcePolicies = resourcePolicies
    }

    public func pool(named name: String) -> NodePoolConfig? { pools.first { $0.name == name } }
}

/// A ResourcePolicy from the configuration: the object as written (what is created in the
/// member) and what it means.
public struct PolicyDocument: Sendable, Hashable {
    /// The file it was read from, for messages.
    public var file: String
    public var object: JSONValue
    public var policy: ResourcePolicy

    public init(file: String, object: JSONValue, policy: ResourcePolicy) {
        self.file = file
        self.object = object
        self.policy = policy
    }
}

/// The federation host, for the demo's header; the simulator does not run it.
public struct HostConfig: Sendable, Hashable {
    public var name: String
    public var displayName: String
    public var region: String

    public init(name: String, displayName: String, region: String) {
        self.name = name
        self.displayName = displayName
        self.region = region
    }
}
