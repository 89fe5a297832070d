import KubeObjects

/// One column of a Table: its definition and how an object fills its cell.
struct TableColumn: Sendable {
    var name: String
    var description: String
    var type: String
    var format: String
    /// 0 for the default columns, 1 for those kubectl shows only with `-o wide`.
    var priority: Int
    var cell: @Sendable (JSONValue) -> JSONValue

    init(
        _ name: String, _ description: String, type: String = "string", format: String = "", priority: Int = 0,
        cell: @escaping @Sendable (JSONValue) -> JSONValue
    ) {
        self.name = name
        self.description = description
        self.type = type
        self.format = format
        self.priority = priority
        self.cell = cell
    }

    init(printerColumn column: PrinterColumn) {
        self.init(
            column.name, column.description, type: column.type, format: column.format, priority: column.priority
        ) { TableView.cell(column, of: $0) }
    }

    var definition: JSONValue {
        .object(JSONObject([
            ("name", .string(name)), ("type", .string(type)), ("format", .string(format)),
            ("description", .string(description)), ("priority", .int(Int64(priority))),
        ]))
    }
}

// MARK: - The columns of Kubernetes' own printers

extension TableColumn {
    static let name = TableColumn("Name", "Name of the object, unique within its namespace.", format: "name") {
        .string($0.name)
    }
    static let age = TableColumn("Age", "Time since the object was created.") { .string(TableView.age(of: $0)) }

    static let pod: [TableColumn] = [
        TableColumn("Ready", "Ready containers out of the pod's containers.") { pod in
            let summary = PodSummary(pod)
            return .string("\(summary.ready)/\(summary.total)")
        },
        TableColumn("Status", "The aggregate status of the pod's containers.") { .string(PodSummary($0).status) },
        TableColumn("Restarts", "Container restarts, and how long ago the last one was.") { pod in
            let summary = PodSummary(pod)
            guard summary.restarts != 0, let last = summary.lastRestart.flatMap(TableView.age(since:)) else {
                return .string(String(summary.restarts))
            }
            return .string("\(summary.restarts) (\(last) ago)")
        },
        age,
        TableColumn("IP", "The pod's IP address.", priority: 1) { pod in
            .string(nonEmpty(pod[path: ["status", "podIPs"]]?[0]?["ip"]) ?? nonEmpty(pod[path: ["status", "podIP"]]) ?? "<none>")
        },
        TableColumn("Node", "The node the pod is bound to.", priority: 1) {
            .string(nonEmpty($0[path: ["spec", "nodeName"]]) ?? "<none>")
        },
        TableColumn("Nominated Node", "The node the scheduler nominated for a preemption.", priority: 1) {
            .string(nonEmpty($0[path: ["status", "nominatedNodeName"]]) ?? "<none>")
        },
        TableColumn("Readiness Gates", "Readiness gates that are True out of the pod's gates.", priority: 1) { pod in
            let gates = (pod[path: ["spec", "readinessGates"]]?.arrayValue ?? []).compactMap { $0["conditionType"]?.stringValue }
            guard !gates.isEmpty else { return "<none>" }
            return .string("\(gates.filter { conditionIsTrue(pod, $0) }.count)/\(gates.count)")
        },
    ]

    static let deployment: [TableColumn] = [
        TableColumn("Ready", "Ready replicas out of the desired replicas.") { object in
            .string("\(int(object, "status", "readyReplicas"))/\(int(object, "spec", "replicas", default: 1))")
        },
        TableColumn("Up-to-date", "Replicas running the current template.") { .int(int($0, "status", "updatedReplicas")) },
        TableColumn("Available", "Replicas available to serve.") { .int(int($0, "status", "availableReplicas")) },
        age,
    ] + templateColumns

    static let replicaSet: [TableColumn] = [
        TableColumn("Desired", "Replicas the ReplicaSet wants.", type: "integer") {
            .int(int($0, "spec", "replicas", default: 1))
        },
        TableColumn("Current", "Replicas the ReplicaSet has.", type: "integer") { .int(int($0, "status", "replicas")) },
        TableColumn("Ready", "Replicas that are ready.", type: "integer") { .int(int($0, "status", "readyReplicas")) },
        age,
    ] + templateColumns

    /// Containers, Images and Selector: the wide columns of Deployments and ReplicaSets.
    private static let templateColumns: [TableColumn] = [
        TableColumn("Containers", "Names of the pod template's containers.", priority: 1) {
            .string(containers($0).compactMap { $0["name"]?.stringValue }.joined(separator: ","))
        },
        TableColumn("Images", "Images of the pod template's containers.", priority: 1) {
            .string(containers($0).compactMap { $0["image"]?.stringValue }.joined(separator: ","))
        },
        TableColumn("Selector", "The label selector of the pods it manages.", priority: 1) {
            .string(selectorText($0[path: ["spec", "selector"]]))
        },
    ]

    static let node: [TableColumn] = [
        TableColumn("Status", "Ready, NotReady or Unknown, and whether scheduling is disabled.") { node in
            let ready = (node[path: ["status", "conditions"]]?.arrayValue ?? []).first { $0["type"]?.stringValue == "Ready" }
            var status = [ready.map { $0["status"]?.stringValue == "True" ? "Ready" : "NotReady" } ?? "Unknown"]
            if node[path: ["spec", "unschedulable"]]?.boolValue == true { status.append("SchedulingDisabled") }
            return .string(status.joined(separator: ","))
        },
        TableColumn("Roles", "The node's roles, from its node-role.kubernetes.io/ labels.") { node in
            var roles = Set<String>()
            for (key, value) in node[path: ["metadata", "labels"]]?.objectValue ?? JSONObject() {
                if key.hasPrefix("node-role.kubernetes.io/") {
                    let role = key.dropFirst("node-role.kubernetes.io/".count)
                    if !role.isEmpty { roles.insert(String(role)) }
                } else if key == "kubernetes.io/role", let role = nonEmpty(value) {
                    roles.insert(role)
                }
            }
            return .string(roles.isEmpty ? "<none>" : roles.sorted().joined(separator: ","))
        },
        age,
        TableColumn("Version", "The kubelet's version.") {
            .string($0[path: ["status", "nodeInfo", "kubeletVersion"]]?.stringValue ?? "")
        },
        TableColumn("Internal-IP", "The node's first InternalIP address.", priority: 1) { .string(address($0, "InternalIP")) },
        TableColumn("External-IP", "The node's first ExternalIP address.", priority: 1) { .string(address($0, "ExternalIP")) },
        nodeInfo("OS-Image", "osImage", "The node's operating system image."),
        nodeInfo("Kernel-Version", "kernelVersion", "The node's kernel version."),
        nodeInfo("Container-Runtime", "containerRuntimeVersion", "The node's container runtime and its version."),
    ]

    private static func nodeInfo(_ name: String, _ field: String, _ description: String) -> TableColumn {
        TableColumn(name, description, priority: 1) { .string(nonEmpty($0[path: ["status", "nodeInfo", field]]) ?? "<unknown>") }
    }

    private static func address(_ node: JSONValue, _ type: String) -> String {
        let addresses = node[path: ["status", "addresses"]]?.arrayValue ?? []
        return addresses.first { $0["type"]?.stringValue == type }.flatMap { nonEmpty($0["address"]) } ?? "<none>"
    }

    private static func containers(_ object: JSONValue) -> [JSONValue] {
        object[path: ["spec", "template", "spec", "containers"]]?.arrayValue ?? []
    }

    /// `app=web,tier in (a,b)`: a LabelSelector the way Kubernetes prints one, requirements sorted by key.
    static func selectorText(_ selector: JSONValue?) -> String {
        var requirements: [(key: String, text: String)] = []
        for (key, value) in selector?["matchLabels"]?.objectValue ?? JSONObject() {
            requirements.append((key, "\(key)=\(value.stringValue ?? "")"))
        }
        for expression in selector?["matchExpressions"]?.arrayValue ?? [] {
            guard let key = expression["key"]?.stringValue else { continue }
            let values = (expression["values"]?.arrayValue ?? []).compactMap(\.stringValue).sorted().joined(separator: ",")
            switch expression["operator"]?.stringValue {
            case "In": requirements.append((key, "\(key) in (\(values))"))
            case "NotIn": requirements.append((key, "\(key) notin (\(values))"))
            case "Exists": requirements.append((key, key))
            case "DoesNotExist": requirements.append((key, "!\(key)"))
            default: continue
            }
        }
        return requirements.sorted { $0.key < $1.key }.map(\.text).joined(separator: ",")
    }

    static func int(_ object: JSONValue, _ path: String..., default fallback: Int64 = 0) -> Int64 {
        object[path: path]?.intValue ?? fallback
    }

    static func nonEmpty(_ value: JSONValue?) -> String? {
        guard let text = value?.stringValue, !text.isEmpty else { return nil }
        return text
    }

    static func conditionIsTrue(_ object: JSONValue, _ type: String) -> Bool {
        (object[path: ["status", "conditions"]]?.arrayValue ?? []).contains {
            $0["type"]?.stringValue == type && $0["status"]?.stringValue == "True"
        }
    }
}

/// A pod's READY, STATUS and RESTARTS the way kubectl works them out (without sidecar containers):
/// the phase, replaced by `status.reason`, then by an init container still running or failed
/// (`Init:1/2`, `Init:CrashLoopBackOff`), else by a container's waiting or terminated reason;
/// `Terminating` once the pod has a deletion timestamp.
struct PodSummary {
    var ready = 0
    var total: Int
    var status: String
    var restarts: Int64 = 0
    /// When the most recently restarted container last terminated.
    var lastRestart: String?

    init(_ pod: JSONValue) {
        total = pod[path: ["spec", "containers"]]?.arrayValue?.count ?? 0
        // A real server sets phase Pending on create; the simulator leaves status to its writers.
        status = TableColumn.nonEmpty(pod[path: ["status", "reason"]])
            ?? TableColumn.nonEmpty(pod[path: ["status", "phase"]]) ?? "Pending"
        let initCount = pod[path: ["spec", "initContainers"]]?.arrayValue?.count ?? 0
        var initializing = false
        for (index, container) in (pod[path: ["status", "initContainerStatuses"]]?.arrayValue ?? []).enumerated() {
            count(container)
            let state = container["state"]
            if let terminated = state?["terminated"] {
                if terminated["exitCode"]?.intValue ?? 0 == 0 { continue }
                status = "Init:" + Self.reason(terminated)
            } else if let waiting = TableColumn.nonEmpty(state?["waiting"]?["reason"]), waiting != "PodInitializing" {
                status = "Init:" + waiting
            } else {
                status = "Init:\(index)/\(initCount)"
            }
            initializing = true
            break
        }
        if !initializing {
            restarts = 0
            lastRestart = nil
            var hasRunning = false
            for container in (pod[path: ["status", "containerStatuses"]]?.arrayValue ?? []).reversed() {
                count(container)
                let state = container["state"]
                if let waiting = TableColumn.nonEmpty(state?["waiting"]?["reason"]) {
                    status = waiting
                } else if let terminated = state?["terminated"] {
                    status = Self.reason(terminated)
                } else if container["ready"]?.boolValue == true, state?["running"] != nil {
                    hasRunning = true
                    ready += 1
                }
            }
            if status == "Completed", hasRunning {
                status = TableColumn.conditionIsTrue(pod, "Ready") ? "Running" : "NotReady"
            }
        }
        if pod[path: ["metadata", "deletionTimestamp"]].map({ !$0.isNull }) ?? false {
            status = pod[path: ["status", "reason"]]?.stringValue == "NodeLost" ? "Unknown" : "Terminating"
        }
    }

    private mutating func count(_ container: JSONValue) {
        restarts += container["restartCount"]?.intValue ?? 0
        if let finished = container[path: ["lastState", "terminated", "finishedAt"]]?.stringValue,
            let date = TableView.date(finished), lastRestart.flatMap(TableView.date).map({ $0 < date }) ?? true
        {
            lastRestart = finished
        }
    }

    /// A terminated state's reason, else `Signal:9` or `ExitCode:1`.
    private static func reason(_ terminated: JSONValue) -> String {
        if let reason = TableColumn.nonEmpty(terminated["reason"]) { return reason }
        if let signal = terminated["signal"]?.intValue, signal != 0 { return "Signal:\(signal)" }
        return "ExitCode:\(terminated["exitCode"]?.intValue ?? 0)"
    }
}
