/// `FederatedCluster.status`, written by the cluster controller (kubeadmiral-api.md §5.2).
public struct FederatedClusterStatus: Sendable, Hashable {
    /// Keyed by type in the API; the first condition of a type wins when reading.
    public var conditions: [ClusterCondition]
    public var resources: ClusterResources
    /// From discovery. Empty when the cluster has not reported any (not probed yet, or not ready).
    public var apiResourceTypes: [APIResource]

    public init(conditions: [ClusterCondition] = [], resources: ClusterResources = ClusterResources(), apiResourceTypes: [APIResource] = []) {
        self.conditions = conditions
        self.resources = resources
        self.apiResourceTypes = apiResourceTypes
    }

    /// The condition of `type`, if the cluster reports one.
    public func condition(_ type: ClusterCondition.Kind) -> ClusterCondition? {
        conditions.first { $0.type == type }
    }

    /// `Joined` is `True`: only joined clusters are considered at all (kubeadmiral-api.md §3.3).
    public var isJoined: Bool { condition(.joined)?.status == .true }

    /// `Ready` is `True`.
    public var isReady: Bool { condition(.ready)?.status == .true }

    /// A condition in a few words, for reasons: its reason (`ClusterNotReachable`), else its
    /// status (`Ready is Unknown`), else `no Ready condition`.
    public func summary(of type: ClusterCondition.Kind) -> String {
        guard let condition = condition(type) else { return "no \(type) condition" }
        return condition.reason.isEmpty ? "\(type) is \(condition.status.rawValue)" : condition.reason
    }

    static func decode(_ reader: FieldReader) throws(PolicyError) -> FederatedClusterStatus {
        guard try reader.requireObject() != nil else { return FederatedClusterStatus() }
        let resources = reader.field("resources")
        _ = try resources.requireObject()
        return FederatedClusterStatus(
            conditions: try reader.field("conditions").map { (element) throws(PolicyError) in
                try ClusterCondition.decode(element)
            } ?? [],
            resources: ClusterResources(
                schedulableNodes: try resources.field("schedulableNodes").int(),
                allocatable: try ResourceList.decode(resources.field("allocatable")),
                available: try ResourceList.decode(resources.field("available"))),
            apiResourceTypes: try reader.field("apiResourceTypes").map { (element) throws(PolicyError) in
                try APIResource.decode(element)
            } ?? [])
    }
}

/// One entry of `status.conditions`.
public struct ClusterCondition: Sendable, Hashable {
    /// The condition type. KubeAdmiral writes `Joined`, `Ready` and `Offline`; other types are kept.
    public struct Kind: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public static let joined = Kind(rawValue: "Joined")
        public static let ready = Kind(rawValue: "Ready")
        public static let offline = Kind(rawValue: "Offline")
        public var description: String { rawValue }
    }

    public enum Status: String, Sendable, Hashable, CaseIterable {
        case `true` = "True"
        case `false` = "False"
        case unknown = "Unknown"
    }

    public var type: Kind
    public var status: Status
    /// Machine-readable cause, such as `ClusterNotReachable`; `""` when not given.
    public var reason: String
    public var message: String
    public var lastProbeTime: Timestamp?
    public var lastTransitionTime: Timestamp?

    public init(
        type: Kind, status: Status, reason: String = "", message: String = "", lastProbeTime: Timestamp? = nil,
        lastTransitionTime: Timestamp? = nil
    ) {
        self.type = type
        self.status = status
        self.reason = reason
        self.message = message
        self.lastProbeTime = lastProbeTime
        self.lastTransitionTime = lastTransitionTime
    }

    /// `type` and `status` are required; the CRD also requires the rest, but the controller is
    /// their only writer and hand-written test clusters often leave them out, so they are optional.
    static func decode(_ reader: FieldReader) throws(PolicyError) -> ClusterCondition {
        _ = try reader.requireObject()
        let type = try reader.field("type").requiredString()
        guard let status = try reader.field("status").enumeration(Status.self) else {
            throw reader.field("status").error("required field is missing: use True, False or Unknown")
        }
        return ClusterCondition(
            type: Kind(rawValue: type), status: status,
            reason: try reader.field("reason").string() ?? "",
            message: try reader.field("message").string() ?? "",
            lastProbeTime: try reader.field("lastProbeTime").timestamp(),
            lastTransitionTime: try reader.field("lastTransitionTime").timestamp())
    }
}

/// `status.resources`: what the member's schedulable nodes offer.
public struct ClusterResources: Sendable, Hashable {
    public var schedulableNodes: Int64?
    /// Sum of the schedulable nodes' allocatable resources.
    public var allocatable: ResourceList
    /// Allocatable minus the requests of the pods running there.
    public var available: ResourceList

    public init(schedulableNodes: Int64? = nil, allocatable: ResourceList = ResourceList(), available: ResourceList = ResourceList()) {
        self.schedulableNodes = schedulableNodes
        self.allocatable = allocatable
        self.available = available
    }
}

/// One entry of `status.apiResourceTypes`: a kind the member serves.
public struct APIResource: Sendable, Hashable {
    /// `""` for the core group.
    public var group: String
    public var version: String
    public var kind: String
    public var pluralName: String
    /// `Namespaced` or `Cluster`.
    public var scope: String

    public init(group: String = "", version: String, kind: String, pluralName: String, scope: String) {
        self.group = group
        self.version = version
        self.kind = kind
        self.pluralName = pluralName
        self.scope = scope
    }

    static func decode(_ reader: FieldReader) throws(PolicyError) -> APIResource {
        _ = try reader.requireObject()
        let group = try reader.field("group").string() ?? ""
        let version = try reader.field("version").requiredString()
        let kind = try reader.field("kind").requiredString()
        let pluralName = try reader.field("pluralName").requiredString()
        guard let scope = try reader.field("scope").oneOf(["Namespaced", "Cluster"]) else {
            throw reader.field("scope").error("required field is missing: use Namespaced or Cluster")
        }
        return APIResource(group: group, version: version, kind: kind, pluralName: pluralName, scope: scope)
    }
}
