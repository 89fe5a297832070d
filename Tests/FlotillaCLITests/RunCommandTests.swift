import Foundation
import KubeClient
import KubeObjects
import KubeSim
import Testing

/// `flotilla run` as a process, against an in-process host and member: it places a workload,
/// serves its metrics and probes, and on SIGTERM stops cleanly and hands its lease back.
@Suite("flotilla run", .timeLimit(.minutes(2)))
struct RunCommandTests {
    static let memberToken = "run-member-token"

    static func crds() throws -> [JSONValue] {
        var root = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { root.deleteLastPathComponent() }
        let directory = root.appendingPathComponent("manifests/crds")
        return try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted().flatMap { file in
            try KubeDocuments.read(String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8))
        }
    }

    @Test("places a workload, serves /metrics and /readyz, and releases its lease on SIGTERM")
    func runsAndStopsCleanly() async throws {
        let (host, member) = try await Self.federationWithOneWorkload()
        defer { Task { await host.server.stop(); await member.server.stop() } }
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let process = try Self.run(against: host, in: sandbox, ["--leader-election-lease-duration", "15s"])
        defer { process.terminate() }

        let telemetryPort = try await process.waitForLogValue(key: "address").split(separator: ":").last.flatMap { Int($0) }
        let placed = try await eventually {
            (try? await member.api.get(.deployments, namespace: "default", name: "web"))?[path: ["spec", "replicas"]]
        }
        #expect(placed == 3)

        let telemetry = KubeAPI(
            transport: CurlTransport(server: ServerURL(scheme: .http, host: "127.0.0.1", port: telemetryPort ?? 0)),
            retryPolicy: .never)
        let metrics = String(decoding: try await telemetry.getRaw("/metrics"), as: UTF8.self)
        #expect(metrics.contains("flotilla_reconciles_total{controller=\"workload\",outcome=\"success\"}"))
        #expect(metrics.contains("flotilla_member_writes_total{cluster=\"member-1\",outcome=\"created\"} 1"))
        #expect(metrics.contains("flotilla_leader 1"))
        #expect(String(decoding: try await telemetry.getRaw("/readyz"), as: UTF8.self).contains("ok"))
        let lease = try await host.api.get(.leases, namespace: "kube-admiral-system", name: "flotilla-controller")
        let holder = lease[path: ["spec", "holderIdentity"]]?.stringValue ?? ""
        #expect(!holder.isEmpty)

        let status = try await process.stop()
        let errors = process.errors
        #expect(status == 0, "\(errors)")
        let released = try await host.api.get(.leases, namespace: "kube-admiral-system", name: "flotilla-controller")
        let holderAfter = released[path: ["spec", "holderIdentity"]]?.stringValue ?? ""
        #expect(holderAfter.isEmpty, "the lease was not released")
        let after = try await member.api.get(.deployments, namespace: "default", name: "web")
        #expect(after[path: ["spec", "replicas"]] == 3, "stopping the controller must not touch members")
    }

    @Test("a replica that loses its lease and wins it back reconciles again")
    func leadsAgainAfterLosingTheLease() async throws {
        let (host, member) = try await Self.federationWithOneWorkload()
        defer { Task { await host.server.stop(); await member.server.stop() } }
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let process = try Self.run(
            against: host, in: sandbox,
            [
                "--leader-election-lease-duration", "3s", "--leader-election-renew-deadline", "2s",
                "--leader-election-retry-period", "200ms",
            ])
        defer { process.terminate() }
        let replicas: @Sendable () async -> JSONValue? = {
            (try? await member.api.get(.deployments, namespace: "default", name: "web"))?[path: ["spec", "replicas"]]
        }
        _ = try await eventually { await replicas() == 3 ? true : nil }

        // Another candidate takes the lease over: this replica must step down...
        try await Self.setLeaseHolder("another-replica", on: host.api)
        _ = try await eventually { process.logLines(message: "controllers stopped") >= 1 ? true : nil }
        // ...and, once the lease is free again, lead with working controllers.
        try await Self.setLeaseHolder("", on: host.api)
        _ = try await eventually {
            process.logLines(message: "leading: starting controllers") >= 2 ? true : nil
        }
        _ = try await host.api.patch(.deployments, namespace: "default", name: "web", ["spec": ["replicas": 5]])
        let scaled = try await eventually("the member copy scaled to 5 by the new term") {
            await replicas() == 5 ? true : nil
        }
        #expect(scaled)
        #expect(try await process.stop() == 0, "\(process.errors)")
    }

    @Test("a standby is ready, says flotilla_leader 0, and writes nothing to members")
    func standsBy() async throws {
        let (host, member) = try await Self.federationWithOneWorkload()
        defer { Task { await host.server.stop(); await member.server.stop() } }
        let now = Date().formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true))
        _ = try await host.api.create(.leases, namespace: "kube-admiral-system", [
            "apiVersion": "coordination.k8s.io/v1", "kind": "Lease", "metadata": ["name": "flotilla-controller"],
            "spec": [
                "holderIdentity": "the-leader", "leaseDurationSeconds": 300, "acquireTime": .string(now),
                "renewTime": .string(now),
            ],
        ])
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let process = try Self.run(against: host, in: sandbox, [])
        defer { process.terminate() }
        let port = try await process.waitForLogValue(key: "address").split(separator: ":").last.flatMap { Int($0) }
        let telemetry = KubeAPI(
            transport: CurlTransport(server: ServerURL(scheme: .http, host: "127.0.0.1", port: port ?? 0)),
            retryPolicy: .never)
        _ = try await eventually { process.logLines(message: "leader election") >= 1 ? true : nil }

        let metrics = String(decoding: try await telemetry.getRaw("/metrics"), as: UTF8.self)
        #expect(metrics.split(separator: "\n").contains("flotilla_leader 0"), "\(metrics)")
        #expect(String(decoding: try await telemetry.getRaw("/readyz"), as: UTF8.self).contains("ok"))
        #expect(process.logLines(message: "leading: starting controllers") == 0)
        #expect(try await member.api.list(.deployments, namespace: "default").items.isEmpty)
        #expect(try await process.stop() == 0, "\(process.errors)")
    }

    /// Rewrites the controller's lease as another candidate (or a release, for `""`) would.
    static func setLeaseHolder(_ holder: String, on api: KubeAPI) async throws {
        _ = try await api.patch(
            .leases, namespace: "kube-admiral-system", name: "flotilla-controller",
            ["spec": ["holderIdentity": .string(holder), "leaseDurationSeconds": 30]])
    }

    /// `flotilla run` against `host`, logging JSON, telemetry on a free port, with `options`.
    static func run(against host: Server, in sandbox: Sandbox, _ options: [String]) throws -> RunningFlotilla {
        let kubeconfig = try sandbox.write("host.kubeconfig", ClustersCommandTests.kubeconfig(server: host.url))
        return try RunningFlotilla(
            ["run", "--kubeconfig", kubeconfig, "--telemetry-address", "127.0.0.1:0", "--log-format", "json"] + options)
    }

    /// A host with the CRDs, one registered member and a workload `default/web` of 3 replicas
    /// placed on it by the policy `everywhere`.
    static func federationWithOneWorkload() async throws -> (host: Server, member: Server) {
        let host = try await Server.start()
        let member = try await Server.start(token: Self.memberToken)
        for crd in try Self.crds() { _ = try await host.api.create(ClustersCommandTests.customResourceDefinitions, crd) }
        _ = try await host.api.create(.namespaces, ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "kube-admiral-system"]])
        _ = try await host.api.create(.secrets, ClustersCommandTests.secret("member-1", token: Self.memberToken))
        _ = try await host.api.create(ClustersCommandTests.federatedClusters, [
            "apiVersion": "core.kubeadmiral.io/v1alpha1", "kind": "FederatedCluster", "metadata": ["name": "member-1"],
            "spec": ["apiEndpoint": .string(member.url), "secretRef": ["name": "member-1"]],
        ])
        _ = try await host.api.create(Self.propagationPolicies, [
            "apiVersion": "core.kubeadmiral.io/v1alpha1", "kind": "PropagationPolicy",
            "metadata": ["name": "everywhere", "namespace": "default"],
            "spec": ["schedulingMode": "Divide", "placement": [["cluster": "member-1"]]],
        ])
        _ = try await host.api.create(.deployments, [
            "apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": [
                "name": "web", "namespace": "default",
                "labels": ["kubeadmiral.io/propagation-policy-name": "everywhere"],
            ],
            "spec": [
                "replicas": 3, "selector": ["matchLabels": ["app": "web"]],
                "template": ["metadata": ["labels": ["app": "web"]], "spec": ["containers": [["name": "web", "image": "nginx"]]]],
            ],
        ])

        return (host, member)
    }

    @Test("a bad setting exits 1 and names it")
    func badSetting() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let config = try sandbox.write("flotilla.yaml", "workers: 0\n")
        let run = try sandbox.run(["run", "--config", config])
        #expect(run.status == 1)
        #expect(run.stderr.contains("workers"))
    }

    static let propagationPolicies = APIResource(
        group: "core.kubeadmiral.io", version: "v1alpha1", name: "propagationpolicies", namespaced: true)

    struct TimedOut: Error, CustomStringConvertible {
        let what: String
        var description: String { "timed out after 30 s waiting for \(what)" }
    }

    /// The probe's first non-nil value, polled every 20 ms; fails after 30 s rather than running
    /// into the suite's time limit, so a regression reads as what was awaited.
    func eventually<T: Sendable>(
        _ what: String = "the condition", _ probe: () async throws -> T?
    ) async throws -> T {
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            if let value = try await probe() { return value }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw TimedOut(what: what)
    }
}

/// The `flotilla` binary running in the background, with its stderr collected.
final class RunningFlotilla: @unchecked Sendable {
    // @unchecked: `collected` is only touched under `lock`; Process is used from the test task.
    private let process = Process()
    private let lock = NSLock()
    private var collected = Data()

    init(_ arguments: [String]) throws {
        process.executableURL = try Sandbox.flotilla()
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try ProcessLaunch.run(process)
        // A thread of its own drains the pipe (Foundation's readability handler traps on EINTR).
        let reader = errors.fileHandleForReading
        Thread.detachNewThread { [self] in
            while let chunk = try? BlockingRead.chunk(reader), !chunk.isEmpty {
                lock.withLock { collected.append(contentsOf: chunk) }
            }
        }
    }

    var errors: String { lock.withLock { String(decoding: collected, as: UTF8.self) } }

    /// How many JSON log lines so far carry this `msg`.
    func logLines(message: String) -> Int {
        errors.split(separator: "\n").count { line in
            (try? JSONValue(parsing: String(line)))?["msg"]?.stringValue == message
        }
    }

    /// The first value of `key` in a JSON log line.
    func waitForLogValue(key: String) async throws -> String {
        while true {
            for line in errors.split(separator: "\n") {
                if let json = try? JSONValue(parsing: String(line)), let value = json[key]?.stringValue { return value }
            }
            guard process.isRunning else { throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: errors]) }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Sends SIGTERM and waits for the exit status.
    func stop() async throws -> Int32 {
        process.terminate()
        while process.isRunning { try await Task.sleep(for: .milliseconds(20)) }
        return process.terminationStatus
    }

    func terminate() { if process.isRunning { process.terminate() } }
}
