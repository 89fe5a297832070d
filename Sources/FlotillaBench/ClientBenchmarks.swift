// The client's throughput: watch events decoded per second from one stream, and API requests per
// second, against the in-process KubeSim server over loopback (`make bench`, after the planner table).
//
// Decoding is measured alone (bytes already in memory, fed in 16 KiB chunks as a socket delivers
// them) and end to end (KubeSim replays N stored changes to one `KubeAPI.watch`). Requests are
// GETs of one Deployment: one at a time (libcurl reuses one connection), then 8 at once (HTTP/1.1
// opens one connection per request in flight). Each row reports the median of 3 runs.
import KubeClient
import KubeObjects
import KubeSim

/// One row of the client table.
struct ClientMeasurement {
    var name: String
    var count: Int
    var seconds: Double
    var note: String = ""
    var perSecond: Double { Double(count) / seconds }
}

/// A Deployment as a watch delivers it: metadata with labels, annotations and managed fields, a
/// pod template with resources and environment, and status. About 2 KB of JSON.
func benchDeployment(_ index: Int, version: Int) -> JSONValue {
    let name = "fed-dp-gpu-\(index)"
    let labels: JSONValue = ["app": .string(name), "team": "inference", "kubeadmiral.io/propagation-policy-name": "fed-pp-weight"]
    let container: JSONValue = [
        "name": "server", "image": "registry.example.com/inference/server:2026.11.3",
        "args": ["--model", "/models/llm-13b", "--max-batch", "32"],
        "env": [["name": "CUDA_VISIBLE_DEVICES", "value": "all"], ["name": "LOG_LEVEL", "value": "info"]],
        "ports": [["containerPort": 8080, "name": "http", "protocol": "TCP"]],
        "resources": [
            "limits": ["cpu": "8", "memory": "64Gi", "nvidia.com/gpu": "1"],
            "requests": ["cpu": "4", "memory": "48Gi", "nvidia.com/gpu": "1"],
        ],
        "readinessProbe": ["httpGet": ["path": "/healthz", "port": 8080], "periodSeconds": 10],
    ]
    return [
        "apiVersion": "apps/v1", "kind": "Deployment",
        "metadata": [
            "name": .string(name), "namespace": "default", "uid": .string("6b3f7c1e-3d2a-4f7e-9a51-\(100_000_000_000 + index)"),
            "resourceVersion": .string(String(version)), "generation": 3, "creationTimestamp": "2026-11-23T10:00:00Z",
            "labels": labels,
            "annotations": [
                "flotilla.io/placement": #"{"cclt75bp1h4ho7pq6su9g":8,"cclt81kqnjbeqedvbbt0g":8,"ccltbv1p1h4ho7pq6sugg":4}"#,
                "kubeadmiral.io/auto-migration-info": #"{"estimatedCapacity":{"cclt81kqnjbeqedvbbt0g":6}}"#,
            ],
            "managedFields": [[
                "manager": "kubectl-client-side-apply", "operation": "Update", "apiVersion": "apps/v1",
                "time": "2026-11-23T10:00:00Z", "fieldsType": "FieldsV1",
                "fieldsV1": ["f:spec": ["f:replicas": [:], "f:template": ["f:spec": ["f:containers": [:]]]]],
            ]],
        ],
        "spec": [
            "replicas": 20, "selector": ["matchLabels": ["app": .string(name)]],
            "strategy": ["type": "RollingUpdate", "rollingUpdate": ["maxSurge": "25%", "maxUnavailable": "25%"]],
            "template": [
                "metadata": ["labels": labels],
                "spec": [
                    "containers": [container], "nodeSelector": ["gpu.example.com/class": "a100"],
                    "tolerations": [["key": "nvidia.com/gpu", "operator": "Exists", "effect": "NoSchedule"]],
                ],
            ],
        ],
        "status": ["replicas": 20, "readyReplicas": 18, "updatedReplicas": 20, "availableReplicas": 18, "observedGeneration": 3],
    ]
}

/// The median of three runs of `body`, which returns its own elapsed time.
func medianOfThree(_ body: () async throws -> Duration) async rethrows -> Double {
    var samples: [Double] = []
    for _ in 0..<3 { samples.append(seconds(try await body())) }
    return samples.sorted()[1]
}

/// Watch events decoded from bytes in memory, in network-sized chunks.
func measureDecoding(events count: Int) -> ClientMeasurement {
    var stream: [UInt8] = []
    for index in 0..<count {
        let event: JSONValue = ["type": "MODIFIED", "object": benchDeployment(index % 64, version: 1000 + index)]
        stream += Array(event.jsonString.utf8) + [UInt8(ascii: "\n")]
    }
    let chunkSize = 16 * 1024
    var samples: [Double] = []
    for _ in 0..<3 {
        let clock = ContinuousClock()
        let start = clock.now
        var decoder = WatchEventDecoder()
        var decoded = 0
        var offset = 0
        while offset < stream.count {
            let end = min(offset + chunkSize, stream.count)
            decoder.append(stream[offset..<end])
            while (try? decoder.next()).flatMap({ $0 }) != nil { decoded += 1 }
            offset = end
        }
        precondition(decoded == count, "decoded \(decoded) of \(count) events")
        samples.append(seconds(clock.now - start))
    }
    let megabytes = Double(stream.count) / 1_048_576
    let median = samples.sorted()[1]
    return ClientMeasurement(
        name: "watch decode (16 KiB chunks)", count: count, seconds: median,
        note: "\(stream.count / count) B/event, \(format(megabytes / median, decimals: 0)) MiB/s")
}

/// Runs `body` against a fresh KubeSim server holding one Deployment, with an API client to it.
func withBenchServer<T>(retainedChanges: Int, _ body: (KubeSimServer, KubeAPI) async throws -> T) async throws -> T {
    let server = KubeSimServer(configuration: KubeSimConfiguration(retainedChanges: retainedChanges))
    let port = try await server.start()
    let transport = CurlTransport(server: ServerURL(scheme: .http, host: "127.0.0.1", port: port))
    let api = KubeAPI(transport: transport)
    defer { transport.shutDown() }
    do {
        let result = try await body(server, api)
        await server.stop()
        return result
    } catch {
        await server.stop()
        throw error
    }
}

/// N changes stored on the server, replayed to one watch from before the first of them.
func measureWatchEndToEnd(changes: Int) async throws -> ClientMeasurement {
    try await withBenchServer(retainedChanges: changes + 100) { server, api in
        var object = try await api.create(.deployments, namespace: "default", benchDeployment(0, version: 0).removingVersion)
        let start = object[path: ["metadata", "resourceVersion"]]?.stringValue
        for change in 0..<changes {
            object["metadata"]?["annotations"]?["bench/change"] = .string(String(change))
            object = try await api.update(.deployments, object)
        }
        let elapsed = try await medianOfThree {
            let clock = ContinuousClock()
            let began = clock.now
            var received = 0
            for try await _ in api.watch(.deployments, namespace: "default", options: WatchOptions(resourceVersion: start, allowBookmarks: false)) {
                received += 1
                if received == changes { break }
            }
            precondition(received == changes, "the watch ended after \(received) of \(changes) events")
            return clock.now - began
        }
        return ClientMeasurement(name: "watch end to end (KubeSim)", count: changes, seconds: elapsed, note: "replayed history")
    }
}

/// GETs of one object, `concurrency` at a time.
func measureGets(count: Int, concurrency: Int) async throws -> ClientMeasurement {
    try await withBenchServer(retainedChanges: 100) { _, api in
        _ = try await api.create(.deployments, namespace: "default", benchDeployment(0, version: 0).removingVersion)
        _ = try await api.get(.deployments, namespace: "default", name: "fed-dp-gpu-0")  // connect once
        let elapsed = try await medianOfThree {
            let clock = ContinuousClock()
            let began = clock.now
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<concurrency {
                    group.addTask {
                        for _ in 0..<(count / concurrency) {
                            _ = try await api.get(.deployments, namespace: "default", name: "fed-dp-gpu-0")
                        }
                    }
                }
                try await group.waitForAll()
            }
            return clock.now - began
        }
        let name = concurrency == 1 ? "GET, sequential" : "GET, \(concurrency) concurrent"
        return ClientMeasurement(name: name, count: count / concurrency * concurrency, seconds: elapsed)
    }
}

extension JSONValue {
    /// The object without `metadata.resourceVersion`, as a create must send it.
    var removingVersion: JSONValue {
        var copy = self
        copy["metadata"]?["resourceVersion"] = nil
        return copy
    }
}

/// Prints the client table. `filters` narrow it like the planner's (a row runs when no filter is
/// given or one is part of its name).
func runClientBenchmarks(filters: [String]) async {
    let rows: [(name: String, run: () async throws -> ClientMeasurement)] = [
        ("watch decode", { measureDecoding(events: 20_000) }),
        ("watch end to end", { try await measureWatchEndToEnd(changes: 2_000) }),
        ("GET, sequential", { try await measureGets(count: 2_000, concurrency: 1) }),
        ("GET, 8 concurrent", { try await measureGets(count: 4_000, concurrency: 8) }),
    ]
    let selected = rows.filter { row in filters.isEmpty || filters.contains { row.name.contains($0) } }
    guard !selected.isEmpty else { return }
    print("")
    print("FlotillaBench: client throughput, release build, median of 3 runs per row")
    print("")
    let header = pad("client", 30) + pad("count", 8, right: true) + pad("seconds", 10, right: true)
        + pad("per second", 13, right: true) + "  note"
    print(header)
    print(String(repeating: "-", count: header.count + 24))
    for row in selected {
        do {
            let result = try await row.run()
            print(pad(result.name, 30) + pad(String(result.count), 8, right: true)
                + pad(format(result.seconds, decimals: 3), 10, right: true)
                + pad(format(result.perSecond, decimals: 0), 13, right: true) + "  " + result.note)
        } catch {
            print(pad(row.name, 30) + "  failed: \(error)")
        }
    }
}
