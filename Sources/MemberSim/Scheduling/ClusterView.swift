import KubeClient
import KubeObjects

/// A node as the scheduler sees it.
struct NodeInfo: Sendable {
    var name: String
    var labels: [String: String]
    var allocatable: ResourceAmounts
    /// Ready and not being deleted: may take new pods.
    var isSchedulable: Bool
    var isTerminating: Bool
    var isVirtual: Bool { NodeLabels.isVirtualKubelet(labels) }
    /// The configured pool, from the label the simulator puts on its nodes.
    var pool: String? { labels[WellKnown.poolLabel] }

    init(_ node: JSONValue) {
        name = node.metaName
        labels = node.metaLabels
        allocatable = ResourceAmounts(resourceList: node[path: ["status", "allocatable"]])
        isTerminating = node.isTerminating
        isSchedulable = !node.isTerminating && node.condition("Ready")?["status"]?.stringValue == "True"
            && node[path: ["spec", "unschedulable"]]?.boolValue != true
    }
}

/// A pod as the scheduler and the controllers see it.
struct PodInfo: Sendable {
    var key: ObjectKey
    var labels: [String: String]
    /// `spec.nodeName`; `nil` while unscheduled.
    var nodeName: String?
    var phase: String
    var isTerminating: Bool
    var requests: ResourceAmounts
    /// The ReplicaSet that controls it.
    var owner: String?
    var raw: JSONValue

    init(_ pod: JSONValue) {
        key = ObjectKey(namespace: pod.metaNamespace, name: pod.metaName)
        labels = pod.metaLabels
        let node = pod[path: ["spec", "nodeName"]]?.stringValue ?? ""
        nodeName = node.isEmpty ? nil : node
        phase = pod[path: ["status", "phase"]]?.stringValue ?? "Pending"
        isTerminating = pod.isTerminating
        requests = ResourceAmounts(podRequestsOf: pod)
        owner = pod.controllerName(kind: "ReplicaSet")
        raw = pod
    }

    var namespace: String { key.namespace ?? "" }
    var name: String { key.name }

    /// Holds (or will hold) resources: not finished and not on its way out.
    var isActive: Bool { !isTerminating && phase != "Succeeded" && phase != "Failed" }

    /// Running, with the Ready condition: counts as ready and available (no minReadySeconds).
    var isReady: Bool { phase == "Running" && raw.condition("Ready")?["status"]?.stringValue == "True" }
}

/// Everything one scheduling pass reads, taken from the stores at its start.
struct ClusterView: Sendable {
    /// Sorted by name, which is the order nodes are tried in.
    var nodes: [NodeInfo]
    /// Sorted by namespace and name.
    var pods: [PodInfo]
    /// Valid policies, sorted by namespace and name (the first that selects a pod governs it).
    var policies: [ResourcePolicy]
    var namespaceLabels: [String: [String: String]]

    func node(named name: String) -> NodeInfo? { nodes.first { $0.name == name } }

    /// The policy that governs `pod`, if any.
    func policy(for pod: PodInfo) -> ResourcePolicy? {
        policies.first { $0.selects(namespace: pod.namespace, labels: pod.labels) }
    }

    /// Whether the pod must run on serverless instances: the ECI label on it or its namespace.
    func requiresElastic(_ pod: PodInfo) -> Bool {
        pod.labels[WellKnown.eciLabel] == "true" || namespaceLabels[pod.namespace]?[WellKnown.eciLabel] == "true"
    }
}

extension ClusterView {
    /// The view from the stores now. Invalid ResourcePolicies are left out (and logged once per
    /// problem): a member's scheduler ignores a policy it cannot read.
    static func current(_ context: SimContext) async -> ClusterView {
        let informers = context.informers
        var policies: [ResourcePolicy] = []
        for kind in [Informers.Kind.volcenginePolicies, .alibabacloudPolicies] {
            for object in await informers[kind].snapshot().objects {
                do {
                    policies.append(try ResourcePolicy(decoding: object))
                } catch {
                    if await context.scheduling.isFirstReport(of: "\(error)") {
                        context.log("ignoring ResourcePolicy: \(error)")
                    }
                }
            }
        }
        policies.sort { $0.key < $1.key }
        var namespaceLabels: [String: [String: String]] = [:]
        for namespace in await informers[.namespaces].snapshot().objects {
            namespaceLabels[namespace.metaName] = namespace.metaLabels
        }
        return ClusterView(
            nodes: await informers[.nodes].snapshot().objects.map(NodeInfo.init).sorted { $0.name < $1.name },
            pods: await informers[.pods].snapshot().objects.map(PodInfo.init),
            policies: policies, namespaceLabels: namespaceLabels)
    }
}
