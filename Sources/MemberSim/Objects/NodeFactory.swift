import KubeObjects

/// The Node objects of a configured pool, as the simulator creates them.
///
/// A node carries its pool's `nodeLabels`, `sim.flotilla.io/pool: <pool>` (how the census and the
/// autoscaler find a node's pool), hostname and region labels, and for elastic pools
/// `type: virtual-kubelet` with the zone. Its status says Ready, with the pool's node shape as
/// both capacity and allocatable.
enum NodeFactory {
    /// The names of the nodes a pool starts with: `virtual-kubelet-<region>-<zone>` per zone for
    /// an elastic pool, `<pool>-0`, `<pool>-1`, … up to its fixed count or `minNodes` otherwise.
    static func initialNodeNames(_ pool: NodePoolConfig, region: String) -> [String] {
        if pool.isElastic { return pool.zones.map { virtualNodeName(region: region, zone: $0) } }
        switch pool.size {
        case .fixed(let count): return (0..<count).map { "\(pool.name)-\($0)" }
        case .autoscaled(let settings): return (0..<settings.minNodes).map { "\(pool.name)-\($0)" }
        }
    }

    static func virtualNodeName(region: String, zone: String) -> String {
        "virtual-kubelet-\(region)-\(zone)"
    }

    /// The next free `<pool>-<n>` name, lowest `n` first.
    static func nextNodeName(_ pool: NodePoolConfig, taken: Set<String>) -> String {
        var ordinal = 0
        while taken.contains("\(pool.name)-\(ordinal)") { ordinal += 1 }
        return "\(pool.name)-\(ordinal)"
    }

    /// The whole object: metadata and spec for the create, status for the status subresource.
    static func node(named name: String, pool: NodePoolConfig, region: String, now: String = "") -> JSONValue {
        var labels = pool.nodeLabels
        labels[WellKnown.poolLabel] = pool.name
        labels[WellKnown.hostnameLabel] = name
        if !region.isEmpty { labels[WellKnown.regionLabel] = region }
        if pool.isElastic {
            labels[WellKnown.nodeTypeLabel] = WellKnown.virtualKubelet
            if let zone = pool.zones.first(where: { virtualNodeName(region: region, zone: $0) == name }) {
                labels[WellKnown.zoneLabel] = "\(region)-\(zone)"
            }
        }
        return .object(JSONObject([
            ("apiVersion", "v1"), ("kind", "Node"),
            ("metadata", .object(JSONObject([("name", .string(name)), ("labels", labels.jsonObject)]))),
            ("spec", .object(JSONObject())),
            ("status", status(pool: pool, now: now)),
        ]))
    }

    /// A Ready node's status with the pool's shape.
    static func status(pool: NodePoolConfig, now: String) -> JSONValue {
        let ready = JSONObject([
            ("type", "Ready"), ("status", "True"), ("reason", "KubeletReady"),
            ("message", "kubelet is posting ready status (simulated)"),
            ("lastHeartbeatTime", .string(now)), ("lastTransitionTime", .string(now)),
        ])
        return .object(JSONObject([
            ("capacity", pool.node.resourceList), ("allocatable", pool.node.resourceList),
            ("conditions", .array([.object(ready)])),
            ("nodeInfo", .object(JSONObject([
                ("kubeletVersion", pool.isElastic ? "v1.20.2-vk" : "v1.20.2-sim"), ("operatingSystem", "linux"),
                ("architecture", "amd64"), ("containerRuntimeVersion", "simulated://1"),
                ("kernelVersion", ""), ("osImage", ""), ("kubeProxyVersion", ""), ("machineID", ""),
                ("systemUUID", ""), ("bootID", ""),
            ]))),
        ]))
    }
}
