import KubeClient
import KubeObjects

/// The simulator's writes that more than one part makes.
extension SimContext {
    /// Creates a Ready node of `pool` (its status through the status subresource, as a kubelet
    /// reports it). An existing node keeps its spec; its status is set again.
    func createNode(_ name: String, pool: NodePoolConfig) async throws {
        let node = NodeFactory.node(named: name, pool: pool, region: member.region, now: timestamp)
        let api = self.api
        _ = try await tolerating([.alreadyExists]) { () throws(KubeAPIError) in try await api.create(.nodes, node) }
        let ready = try await api.patch(.nodes, name: name, ["status": node["status"] ?? [:]], subresource: "status")
        try await liftNotReadyTaint(ready)
        log("\(member.displayName): node \(name) of pool \(pool.name) is Ready")
    }

    /// A real API server's TaintNodesByCondition admission plugin taints every new node
    /// `node.kubernetes.io/not-ready`; the node lifecycle controller lifts it once the node reports
    /// Ready. There is no such controller here, so the simulator plays it: otherwise a real
    /// member's nodes would stay unschedulable for anyone who honours taints (Flotilla's cluster
    /// controller counts only untainted nodes).
    func liftNotReadyTaint(_ node: JSONValue) async throws {
        let taints = node[path: ["spec", "taints"]]?.arrayValue ?? []
        let kept = taints.filter { $0["key"]?.stringValue != "node.kubernetes.io/not-ready" }
        guard kept.count != taints.count, let name = node[path: ["metadata", "name"]]?.stringValue else { return }
        _ = try await api.patch(.nodes, name: name, ["spec": ["taints": kept.isEmpty ? .null : .array(kept)]])
    }

    /// Marks a bound pod Running and Ready, as its kubelet (or virtual kubelet) would once its
    /// containers started.
    func markRunning(_ pod: PodInfo) async throws {
        let now = timestamp
        let conditions = ["Initialized", "Ready", "ContainersReady", "PodScheduled"].map { type in
            StatusCondition(type: type, status: true).json(previous: pod.raw.condition(type), now: now, withUpdateTime: false)
        }
        let containers = (pod.raw[path: ["spec", "containers"]]?.arrayValue ?? []).map { container -> JSONValue in
            let name = container["name"]?.stringValue ?? ""
            return [
                "name": .string(name), "image": container["image"] ?? "", "imageID": "",
                "containerID": .string("simulated://\(pod.name)/\(name)"), "ready": true, "started": true,
                "restartCount": 0, "state": ["running": ["startedAt": .string(now)]],
            ]
        }
        let status: JSONValue = [
            "phase": "Running", "conditions": .array(conditions), "startTime": pod.raw[path: ["status", "startTime"]] ?? .string(now),
            "containerStatuses": .array(containers),
        ]
        _ = try await api.patch(.pods, namespace: pod.namespace, name: pod.name, ["status": status], subresource: "status")
    }

    /// Records that a pod fits nowhere: `Pending`, `PodScheduled=False` with reason
    /// `Unschedulable`. The transition time is kept while the pod stays unschedulable (how long
    /// it has been is what the federation's auto-migration measures); nothing is written when
    /// the pod already says exactly this.
    func markUnschedulable(_ pod: PodInfo, message: String) async throws {
        let previous = pod.raw.condition("PodScheduled")
        if previous?["status"]?.stringValue == "False", previous?["reason"]?.stringValue == "Unschedulable",
            previous?["message"]?.stringValue == message, pod.phase == "Pending"
        {
            return
        }
        let condition = StatusCondition(type: "PodScheduled", status: false, reason: "Unschedulable", message: message)
            .json(previous: previous, now: timestamp, withUpdateTime: false)
        let status: JSONValue = ["phase": "Pending", "conditions": [condition]]
        _ = try await api.patch(.pods, namespace: pod.namespace, name: pod.name, ["status": status], subresource: "status")
    }
}
