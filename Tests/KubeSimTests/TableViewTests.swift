import Foundation
import KubeObjects
import Testing

@testable import KubeSim

/// Server-side printing: the Table kubectl asks for with `Accept: application/json;as=Table`.
@Suite struct TableViewTests {
    static let tableAccept = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json"

    /// Each row of a Table as column name → cell, after checking every row has one cell per column.
    func rows(_ table: JSONValue) throws -> [[String: JSONValue]] {
        let names = (table["columnDefinitions"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
        return try (table["rows"]?.arrayValue ?? []).map { row in
            let cells = try #require(row["cells"]?.arrayValue)
            #expect(cells.count == names.count)
            #expect(row[path: ["object", "kind"]] == "PartialObjectMetadata")
            return Dictionary(uniqueKeysWithValues: zip(names, cells))
        }
    }

    func builtIn(_ plural: String) throws -> ResourceType {
        try #require(ResourceType.builtIns.first { $0.plural == plural })
    }

    func columns(_ table: JSONValue, priority: Int64) -> [String] {
        (table["columnDefinitions"]?.arrayValue ?? []).filter { $0["priority"]?.intValue == priority }
            .compactMap { $0["name"]?.stringValue }
    }

    static func ago(_ seconds: TimeInterval) -> JSONValue {
        .string(Date().addingTimeInterval(-seconds).ISO8601Format())
    }

    @Test("A pod nobody has scheduled reads Pending, 0/1 ready, on node <none>")
    func pendingPod() throws {
        let pod: JSONValue = [
            "metadata": ["name": "waiting", "creationTimestamp": Self.ago(300)],
            "spec": ["containers": [["name": "main", "image": "nginx"]]],
            "status": ["phase": "Pending"],
        ]
        let table = TableView.table(for: [pod], type: try builtIn("pods"), revision: "7")
        #expect(columns(table, priority: 0) == ["Name", "Ready", "Status", "Restarts", "Age"])
        #expect(columns(table, priority: 1) == ["IP", "Node", "Nominated Node", "Readiness Gates"])
        let row = try #require(try rows(table).first)
        #expect(row["Name"] == "waiting")
        #expect(row["Ready"] == "0/1")
        #expect(row["Status"] == "Pending")
        #expect(row["Restarts"] == "0")
        #expect(row["Age"] == "5m")
        #expect(row["IP"] == "<none>")
        #expect(row["Node"] == "<none>")
        #expect(row["Nominated Node"] == "<none>" && row["Readiness Gates"] == "<none>")
        #expect(table[path: ["metadata", "resourceVersion"]] == "7")
    }

    @Test("A running pod with its container ready and restarted twice reads 1/1 Running 2, with its IP and node")
    func runningPod() throws {
        var pod: JSONValue = [
            "metadata": ["name": "web"],
            "spec": ["nodeName": "worker-1", "containers": [["name": "main", "image": "nginx"]]],
            "status": [
                "phase": "Running", "podIP": "10.1.0.7",
                "containerStatuses": [["name": "main", "ready": true, "restartCount": 2, "state": ["running": [:]]]],
            ],
        ]
        let type = try builtIn("pods")
        var row = try #require(try rows(TableView.table(for: [pod], type: type, revision: nil)).first)
        #expect(row["Ready"] == "1/1")
        #expect(row["Status"] == "Running")
        #expect(row["Restarts"] == "2")
        #expect(row["IP"] == "10.1.0.7" && row["Node"] == "worker-1")

        pod["metadata"] = ["name": "web", "deletionTimestamp": Self.ago(1)]
        row = try #require(try rows(TableView.table(for: [pod], type: type, revision: nil)).first)
        #expect(row["Status"] == "Terminating")
    }

    @Test("A container waiting in CrashLoopBackOff is the pod's status")
    func waitingContainer() throws {
        let pod: JSONValue = [
            "metadata": ["name": "crashy"],
            "spec": ["containers": [["name": "main"], ["name": "sidecar"]]],
            "status": [
                "phase": "Running",
                "containerStatuses": [
                    ["name": "main", "ready": false, "restartCount": 4, "state": ["waiting": ["reason": "CrashLoopBackOff"]]],
                    ["name": "sidecar", "ready": true, "restartCount": 1, "state": ["running": [:]]],
                ],
            ],
        ]
        let row = try #require(try rows(TableView.table(for: [pod], type: try builtIn("pods"), revision: nil)).first)
        #expect(row["Status"] == "CrashLoopBackOff")
        #expect(row["Ready"] == "1/2")
        #expect(row["Restarts"] == "5")
    }

    @Test("A Deployment with 2 of 3 replicas ready reads READY 2/3; its wide columns describe the template")
    func deploymentColumns() throws {
        var object = deployment("web", replicas: 3)
        object["status"] = ["replicas": 3, "readyReplicas": 2, "updatedReplicas": 3, "availableReplicas": 2]
        let table = TableView.table(for: [object], type: try builtIn("deployments"), revision: nil)
        #expect(columns(table, priority: 0) == ["Name", "Ready", "Up-to-date", "Available", "Age"])
        let row = try #require(try rows(table).first)
        #expect(row["Ready"] == "2/3")
        #expect(row["Up-to-date"] == 3 && row["Available"] == 2)
        #expect(row["Containers"] == "main" && row["Images"] == "nginx" && row["Selector"] == "app=web")

        let fresh = try #require(try rows(TableView.table(for: [deployment("new", replicas: 2)], type: try builtIn("deployments"), revision: nil)).first)
        #expect(fresh["Ready"] == "0/2" && fresh["Up-to-date"] == 0 && fresh["Available"] == 0)
    }

    @Test("A ReplicaSet reads Desired, Current and Ready")
    func replicaSetColumns() throws {
        var object = deployment("web-1", replicas: 3)
        object["status"] = ["replicas": 3, "readyReplicas": 1]
        let table = TableView.table(for: [object], type: try builtIn("replicasets"), revision: nil)
        #expect(columns(table, priority: 0) == ["Name", "Desired", "Current", "Ready", "Age"])
        let row = try #require(try rows(table).first)
        #expect(row["Desired"] == 3 && row["Current"] == 3 && row["Ready"] == 1)
    }

    @Test("A Ready node with a role label reads Ready and its role; the wide columns come from its status")
    func nodeColumns() throws {
        let node: JSONValue = [
            "metadata": ["name": "worker-1", "labels": ["node-role.kubernetes.io/control-plane": "", "zone": "a"]],
            "spec": ["unschedulable": true],
            "status": [
                "conditions": [["type": "MemoryPressure", "status": "False"], ["type": "Ready", "status": "True"]],
                "addresses": [["type": "Hostname", "address": "worker-1"], ["type": "InternalIP", "address": "10.0.0.5"]],
                "nodeInfo": ["kubeletVersion": "v1.30.0", "osImage": "Ubuntu 22.04", "kernelVersion": "6.5.0", "containerRuntimeVersion": "containerd://1.7.0"],
            ],
        ]
        let bare: JSONValue = ["metadata": ["name": "worker-2"], "status": ["conditions": [["type": "Ready", "status": "False"]]]]
        let table = TableView.table(for: [node, bare], type: try builtIn("nodes"), revision: nil)
        #expect(columns(table, priority: 0) == ["Name", "Status", "Roles", "Age", "Version"])
        #expect(columns(table, priority: 1) == ["Internal-IP", "External-IP", "OS-Image", "Kernel-Version", "Container-Runtime"])
        let all = try rows(table)
        #expect(all[0]["Status"] == "Ready,SchedulingDisabled")
        #expect(all[0]["Roles"] == "control-plane" && all[0]["Version"] == "v1.30.0")
        #expect(all[0]["Internal-IP"] == "10.0.0.5" && all[0]["External-IP"] == "<none>")
        #expect(all[0]["OS-Image"] == "Ubuntu 22.04" && all[0]["Container-Runtime"] == "containerd://1.7.0")
        #expect(all[1]["Status"] == "NotReady" && all[1]["Roles"] == "<none>" && all[1]["Version"] == "")
    }

    @Test("Kinds without printers of their own get Name and Age")
    func genericColumns() throws {
        let table = TableView.table(for: [configMap("settings")], type: try builtIn("configmaps"), revision: nil)
        #expect(columns(table, priority: 0) == ["Name", "Age"])
        #expect(try rows(table).first?["Name"] == "settings")
    }

    static let clusterDefinition: JSONValue = [
        "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
        "metadata": ["name": "clusters.example.com"],
        "spec": [
            "group": "example.com", "scope": "Cluster",
            "names": ["plural": "clusters", "singular": "cluster", "kind": "Cluster"],
            "versions": [[
                "name": "v1", "served": true, "storage": true, "subresources": ["status": [:]],
                "additionalPrinterColumns": [
                    ["name": "Ready", "type": "string", "jsonPath": ".status.conditions[?(@.type=='Ready')].status"],
                    ["name": "Joined", "type": "string", "jsonPath": #".status.conditions[?(@.type=="Joined")].status"#],
                    ["name": "Endpoint", "type": "string", "jsonPath": ".spec.apiEndpoint", "description": "The API server."],
                    ["name": "Nodes", "type": "integer", "jsonPath": ".status.nodes", "priority": 1],
                    ["name": "Age", "type": "date", "jsonPath": ".metadata.creationTimestamp"],
                ],
            ]],
        ],
    ]

    @Test("A custom resource gets its CRD's printer columns: condition filters, a field, an integer and a date as an age")
    func customResourceColumns() async throws {
        try await withSim { _, client in
            let created = try await client.send("POST", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", body: Self.clusterDefinition)
            #expect(created.status == 201)
            let clusters = "/apis/example.com/v1/clusters"
            let cluster: JSONValue = [
                "apiVersion": "example.com/v1", "kind": "Cluster", "metadata": ["name": "member-1"],
                "spec": ["apiEndpoint": "https://10.0.0.1:6443"],
            ]
            #expect(try await client.send("POST", clusters, body: cluster).status == 201)
            let status: JSONValue = ["status": ["conditions": [["type": "Joined", "status": "True"], ["type": "Ready", "status": "False"]]]]
            let patched = try await client.send(
                "PATCH", clusters + "/member-1/status", body: status, contentType: "application/merge-patch+json")
            #expect(patched.status == 200)

            let list = try await client.get(clusters, accept: Self.tableAccept).json
            #expect(columns(list, priority: 0) == ["Name", "Ready", "Joined", "Endpoint", "Age"])
            #expect(columns(list, priority: 1) == ["Nodes"])
            let endpoint = list["columnDefinitions"]?.arrayValue?.first { $0["name"] == "Endpoint" }
            #expect(endpoint?["description"] == "The API server." && endpoint?["type"] == "string")
            let row = try #require(try rows(list).first)
            #expect(row["Name"] == "member-1" && row["Ready"] == "False" && row["Joined"] == "True")
            #expect(row["Endpoint"] == "https://10.0.0.1:6443" && row["Nodes"] == "")
            #expect(row["Age"]?.stringValue?.hasSuffix("s") == true)

            let one = try await client.get(clusters + "/member-1", accept: Self.tableAccept).json
            #expect(one["kind"] == "Table")
            #expect(try rows(one).first?["Joined"] == "True")
        }
    }

    @Test("Printer-column cells are typed as declared; a date prints as an age; [*] joins values with commas")
    func printerColumnCells() {
        let object: JSONValue = [
            "metadata": ["creationTimestamp": Self.ago(300)],
            "spec": ["ports": [["port": 80], ["port": 443]], "ready": true, "weight": 1.5],
        ]
        func cell(_ type: String, _ path: String) -> JSONValue {
            TableView.cell(PrinterColumn(name: "X", type: type, jsonPath: path), of: object)
        }
        #expect(cell("date", ".metadata.creationTimestamp") == "5m")
        #expect(cell("integer", ".spec.ports[1].port") == 443)
        #expect(cell("string", ".spec.ports[*].port") == "80,443")
        #expect(cell("boolean", ".spec.ready") == true)
        #expect(cell("number", ".spec.weight") == 1.5)
        #expect(cell("integer", ".spec.missing") == "")
        #expect(cell("string", "not a path") == "")
    }

    @Test(
        "The JSONPath subset CRDs use: fields, indexes, wildcards and filters; a path to nothing finds nothing",
        arguments: [
            (".spec.apiEndpoint", ["https://a"] as [JSONValue]),
            ("{.spec.apiEndpoint}", ["https://a"]),
            (".spec.ports[0].port", [80]),
            (".spec.ports[-1].port", [443]),
            (".spec.ports[*].port", [80, 443]),
            (".spec.ports[*].name", ["http"]),
            (".status.conditions[?(@.type=='Ready')].status", ["True"]),
            (#".status.conditions[?(@.type=="Joined")].status"#, ["False"]),
            (".status.conditions[?(@.type != 'Ready')].type", ["Joined"]),
            (".status.conditions[?(@.reason)].reason", ["NotYet"]),
            (".metadata.labels.app\\.kubernetes\\.io/name", ["web"]),
            (".metadata.labels['app.kubernetes.io/name']", ["web"]),
            (".spec.missing", []),
            (".spec.ports[5].port", []),
            (".status.conditions[?(@.type=='Gone')].status", []),
            (".spec.apiEndpoint[0]", []),
        ])
    func jsonPath(path: String, expected: [JSONValue]) throws {
        let object: JSONValue = [
            "metadata": ["labels": ["app.kubernetes.io/name": "web"]],
            "spec": ["apiEndpoint": "https://a", "ports": [["name": "http", "port": 80], ["port": 443]]],
            "status": ["conditions": [["type": "Ready", "status": "True"], ["type": "Joined", "status": "False", "reason": "NotYet"]]],
        ]
        let parsed = try #require(PrinterColumnPath(path))
        #expect(parsed.values(in: object) == expected)
    }

    @Test("Text outside the JSONPath subset is not a path", arguments: ["spec.name", ".spec[", ".spec..name", ".a[?(@.b=='c'"])
    func invalidJSONPath(path: String) {
        #expect(PrinterColumnPath(path) == nil)
    }

    @Test("kubectl get prints Kubernetes' columns: pods with -o wide, deployments and nodes")
    func kubectlPrintsKindColumns() async throws {
        try await withSim { server, client in
            let kubectl = try Kubectl(port: try #require(await server.port))
            let pod: JSONValue = [
                "apiVersion": "v1", "kind": "Pod", "metadata": ["name": "waiting"],
                "spec": ["containers": [["name": "main", "image": "nginx"]]],
            ]
            #expect(try await client.send("POST", "/api/v1/namespaces/default/pods", body: pod).status == 201)
            let pods = try await kubectl.run(["get", "pods", "-o", "wide"])
            #expect(pods.status == 0, "\(pods.stderr)")
            #expect(pods.stdout.contains("STATUS") && pods.stdout.contains("NODE") && pods.stdout.contains("Pending"), "\(pods.stdout)")

            #expect(try await client.send("POST", deployments, body: deployment("web", replicas: 3)).status == 201)
            let deploys = try await kubectl.run(["get", "deploy"])
            #expect(deploys.stdout.contains("UP-TO-DATE") && deploys.stdout.contains("0/3"), "\(deploys.stdout)")

            let node: JSONValue = ["apiVersion": "v1", "kind": "Node", "metadata": ["name": "worker-1"]]
            #expect(try await client.send("POST", "/api/v1/nodes", body: node).status == 201)
            let nodes = try await kubectl.run(["get", "nodes"])
            #expect(nodes.stdout.contains("ROLES") && nodes.stdout.contains("worker-1"), "\(nodes.stdout)")
        }
    }
}
