import KubeObjects
import Placement

/// `status.resources` of a FederatedCluster from the member's nodes and pods, as KubeAdmiral's
/// `federatedcluster/resource` package computes it (kubeadmiral-api.md §5.2):
///
/// - a node is **schedulable** unless `spec.unschedulable` is set, it has a `NoSchedule` or
///   `NoExecute` taint, or its `Ready` condition is present and not `True` (a node that reports
///   no `Ready` condition at all counts, as in KubeAdmiral);
/// - **allocatable** is the sum of the schedulable nodes' `status.allocatable`, without `pods`;
/// - **available** is allocatable minus the requests of every pod not `Succeeded` or `Failed`
///   (pending pods included, wherever they are bound), for the resources in allocatable only. It
///   can go below zero when pods on unschedulable nodes hold resources.
///
/// A pod's request per resource is the larger of the sum over its containers and the largest
/// init container, plus `spec.overhead`. A container's limit stands in for a missing request, as
/// the API server's defaulting does (objects written to a test server are not defaulted).
///
/// Quantities are summed exactly. A value that is not a valid quantity is skipped: the API server
/// validates them, so one can only come from a broken test fixture.
public enum ClusterCapacity {
    /// The `pods` resource, a count of pod slots rather than a capacity placement uses.
    static let podsResource = "pods"

    public static func resources(nodes: [JSONValue], pods: [JSONValue]) -> ClusterResources {
        let schedulable = nodes.filter(isSchedulable)
        var allocatable: [String: Quantity] = [:]
        for node in schedulable {
            add(quantities(node[path: ["status", "allocatable"]]), to: &allocatable)
        }
        allocatable[podsResource] = nil
        var requested: [String: Quantity] = [:]
        for pod in pods where !isTerminal(pod) {
            add(requests(ofPod: pod), to: &requested)
        }
        var available = allocatable
        for (name, quantity) in requested where available[name] != nil {
            available[name]! -= quantity
        }
        return ClusterResources(
            schedulableNodes: Int64(schedulable.count), allocatable: ResourceList(allocatable),
            available: ResourceList(available))
    }

    /// Whether placement may count on this node (see the type's comment).
    public static func isSchedulable(_ node: JSONValue) -> Bool {
        if node[path: ["spec", "unschedulable"]]?.boolValue == true { return false }
        for taint in node[path: ["spec", "taints"]]?.arrayValue ?? [] {
            let effect = taint["effect"]?.stringValue
            if effect == "NoSchedule" || effect == "NoExecute" { return false }
        }
        for condition in node[path: ["status", "conditions"]]?.arrayValue ?? []
        where condition["type"]?.stringValue == "Ready" {
            return condition["status"]?.stringValue == "True"
        }
        return true
    }

    /// `Succeeded` and `Failed` pods hold no resources.
    static func isTerminal(_ pod: JSONValue) -> Bool {
        let phase = pod[path: ["status", "phase"]]?.stringValue
        return phase == "Succeeded" || phase == "Failed"
    }

    /// max(sum of containers, each init container) + overhead.
    public static func requests(ofPod pod: JSONValue) -> [String: Quantity] {
        let spec = pod["spec"]
        var total: [String: Quantity] = [:]
        for container in spec?["containers"]?.arrayValue ?? [] {
            add(requests(ofContainer: container), to: &total)
        }
        for container in spec?["initContainers"]?.arrayValue ?? [] {
            for (name, quantity) in requests(ofContainer: container) where total[name].map({ quantity > $0 }) ?? true {
                total[name] = quantity
            }
        }
        add(quantities(spec?["overhead"]), to: &total)
        return total
    }

    /// `resources.requests`, with `resources.limits` for the resources it does not name.
    static func requests(ofContainer container: JSONValue) -> [String: Quantity] {
        var requests = quantities(container[path: ["resources", "requests"]])
        for (name, limit) in quantities(container[path: ["resources", "limits"]]) where requests[name] == nil {
            requests[name] = limit
        }
        return requests
    }

    private static func quantities(_ list: JSONValue?) -> [String: Quantity] {
        var result: [String: Quantity] = [:]
        for (name, value) in list?.objectValue ?? JSONObject() {
            if let quantity = Quantity(json: value) { result[name] = quantity }
        }
        return result
    }

    private static func add(_ quantities: [String: Quantity], to total: inout [String: Quantity]) {
        for (name, quantity) in quantities {
            total[name] = (total[name] ?? .zero) + quantity
        }
    }
}
