import KubeObjects
import Placement

/// A member cluster's ResourcePolicy, in either cloud's dialect: which pods it governs and the
/// ordered units (pools) its scheduler tries for them.
///
/// Semantics (scenario "Member-cluster policy", from the vendors' docs): units are tried in order
/// on scale-up and released in reverse order on scale-down; a unit's `max` caps how many of the
/// selected workload's pods run in it; `require` keeps pods inside the units, `prefer` lets them
/// fall back to any other (non-virtual) node.
public struct ResourcePolicy: Sendable, Hashable {
    /// The two CRDs that carry the same idea.
    public enum Dialect: String, Sendable, Hashable, CaseIterable {
        /// `scheduling.vke.volcengine.com/v1beta1`: `subsets`, `type`, `maxReplicas`, `nodeSelectorTerm`.
        case volcengine
        /// `scheduling.alibabacloud.com/v1alpha1`: `units`, `resource`, `max`, `nodeSelector`.
        case alibabacloud

        public var apiVersion: String {
            switch self {
            case .volcengine: return "scheduling.vke.volcengine.com/v1beta1"
            case .alibabacloud: return "scheduling.alibabacloud.com/v1alpha1"
            }
        }

        public init?(apiVersion: String) {
            guard let dialect = Self.allCases.first(where: { $0.apiVersion == apiVersion }) else { return nil }
            self = dialect
        }
    }

    public enum Strategy: String, Sendable, Hashable, CaseIterable {
        case prefer
        case require
    }

    public var dialect: Dialect
    public var namespace: String
    public var name: String
    /// Pod labels that must all match (`spec.selector`).
    public var selector: [String: String]
    public var strategy: Strategy
    public var units: [PolicyUnit]

    public init(
        dialect: Dialect, namespace: String, name: String, selector: [String: String], strategy: Strategy,
        units: [PolicyUnit]
    ) {
        self.dialect = dialect
        self.namespace = namespace
        self.name = name
        self.selector = selector
        self.strategy = strategy
        self.units = units
    }

    /// Whether the policy governs a pod with these labels in this namespace.
    public func selects(namespace: String, labels: [String: String]) -> Bool {
        namespace == self.namespace && selector.allSatisfy { labels[$0.key] == $0.value }
    }

    /// `default/vke-poc1-rp`.
    public var key: String { "\(namespace)/\(name)" }
}

/// One unit (dialect B) or subset (dialect A) of a ResourcePolicy.
public struct PolicyUnit: Sendable, Hashable {
    /// `resource` / `type`: where the unit's pods run.
    public enum Resource: String, Sendable, Hashable, CaseIterable {
        case idc
        case ecs
        /// Alibaba Cloud's elastic container instances.
        case eci
        /// Volcengine's elastic container instances.
        case vci

        /// Serverless instances, which run on virtual-kubelet nodes.
        public var isElastic: Bool { self == .eci || self == .vci }
    }

    /// The subset's name, or `units[i]` for dialect B's nameless units.
    public var name: String
    public var resource: Resource
    /// At most this many pods of the selected workload in this unit; `nil`: no cap.
    public var max: Int?
    /// Node label requirements, all of which must hold (`nodeSelector` becomes `In` requirements).
    public var nodeRequirements: [ClusterSelectorRequirement]

    public init(name: String, resource: Resource, max: Int? = nil, nodeRequirements: [ClusterSelectorRequirement] = []) {
        self.name = name
        self.resource = resource
        self.max = max
        self.nodeRequirements = nodeRequirements
    }

    /// Whether a node belongs to this unit: an elastic unit takes virtual-kubelet nodes only,
    /// any other unit only real ones, and the node's labels must meet every requirement.
    public func selects(nodeLabels labels: [String: String]) -> Bool {
        NodeLabels.isVirtualKubelet(labels) == resource.isElastic
            && nodeRequirements.allSatisfy { $0.matches(labels: labels) }
    }
}
