import Federation
import KubeClient
import KubeObjects
import Placement
import Synchronization
import Testing

/// Level-triggered behaviour: a restarted controller writes nothing when nothing changed, and a
/// broken policy affects only the workloads bound to it.
@Suite("Workload controller: restarts and bad input", .timeLimit(.minutes(2)))
struct WorkloadControllerRestartTests {
    /// Counts reconciles by key.
    final class Reconciles: Sendable {
        private let counts = Mutex([ObjectKey: Int]())
        func record(_ report: ReconcileReport) { counts.withLock { $0[report.key, default: 0] += 1 } }
        func count(_ name: String) -> Int { counts.withLock { $0.filter { $0.key.name == name }.values.reduce(0, +) } }
    }

    func run(_ harness: FederationHarness, _ reconciles: Reconciles, observer: any WorkloadObserver = NoWorkloadObserver())
        -> (WorkloadController, Task<Void, Never>)
    {
        let controller = WorkloadController(
            host: harness.hostAPI, clients: harness.memberClients, clock: harness.clock, watchTimeoutSeconds: 60,
            observer: observer, report: { reconciles.record($0) })
        return (controller, Task { await controller.run(workers: 2) })
    }

    /// Returns once the controller has nothing queued or in hand and no server moved for three
    /// looks in a row.
    func settle(_ harness: FederationHarness, _ controller: WorkloadController) async throws -> [String] {
        var last: [String] = []
        var quiet = 0
        while quiet < 3 {
            try await Task.sleep(for: .milliseconds(100))
            let stats = await controller.queue.stats()
            let now = await serverVersions(harness)
            quiet = (now == last && stats.depth == 0 && stats.processing == 0) ? quiet + 1 : 0
            last = now
        }
        return last
    }

    func serverVersions(_ harness: FederationHarness) async -> [String] {
        var versions = [await harness.host.resourceVersion]
        for cluster in harness.members.keys.sorted() { versions.append(await harness.members[cluster]!.server.resourceVersion) }
        return versions
    }

    @Test("a restarted controller reconciles every workload and writes nothing")
    func restartWritesNothing() async throws {
        let harness = try await FederationHarness.start()
        defer { Task { await harness.stop() } }
        try await harness.apply(scenario: "clusters.yaml", "policies.yaml", "deployment-weight.yaml")
        let first = Reconciles()
        let (controller, running) = run(harness, first)
        try await harness.eventually { try await harness.memberReplicas("default", "fed-dp-gpu").count == 3 }
        // At rest: the auto-migration info has been computed from all three member objects (the
        // reconcile that their creation queues), so nothing is left to do.
        try await harness.eventually {
            let host = try await harness.hostAPI.get(.deployments, namespace: "default", name: "fed-dp-gpu")
            let info = host[path: ["metadata", "annotations", SchedulingAnnotation.autoMigrationInfo]]?.stringValue ?? ""
            return ["cclt81kqnjbeqedvbbt0g", "ccltbv1p1h4ho7pq6sugg", "cclt75bp1h4ho7pq6su9g"].allSatisfy(info.contains)
        }
        // Converged: a further reconcile changes nothing.
        let settled = try await settle(harness, controller)
        running.cancel()
        await running.value

        let second = Reconciles()
        let (restartedController, restarted) = run(harness, second)
        try await harness.eventually { second.count("fed-dp-gpu") >= 1 }
        _ = try await settle(harness, restartedController)
        restarted.cancel()
        await restarted.value
        let after = await serverVersions(harness)
        #expect(after == settled, "the restarted controller wrote something")
    }

    @Test("a malformed policy gives its workload an Event and a Placed=False condition; others are placed")
    func malformedPolicyIsContained() async throws {
        let harness = try await FederationHarness.start()
        defer { Task { await harness.stop() } }
        try await harness.apply(scenario: "clusters.yaml", "policies.yaml", "deployment-weight.yaml")
        try await harness.apply([
            "apiVersion": "core.kubeadmiral.io/v1alpha1", "kind": "PropagationPolicy",
            "metadata": ["name": "broken", "namespace": "default"],
            "spec": ["schedulingMode": "Sideways", "placement": [["cluster": "cclt81kqnjbeqedvbbt0g"]]],
        ])
        var broken = try FederationHarness.scenario("deployment-weight.yaml")[0]
        broken["metadata"]?["name"] = "bound-to-broken"
        broken["metadata"]?["labels"]?[PolicyLabel.propagationPolicy] = "broken"
        try await harness.apply(broken)

        let reconciles = Reconciles()
        let (_, running) = run(harness, reconciles)
        defer { running.cancel() }
        try await harness.eventually { try await harness.memberReplicas("default", "fed-dp-gpu").count == 3 }
        try await harness.eventually {
            let host = try await harness.hostAPI.get(.deployments, namespace: "default", name: "bound-to-broken")
            return host[path: ["status", "conditions"]]?.arrayValue?.contains {
                $0["type"] == "Placed" && $0["status"] == "False"
            } ?? false
        }
        let host = try await harness.hostAPI.get(.deployments, namespace: "default", name: "bound-to-broken")
        let placed = host[path: ["status", "conditions"]]?.arrayValue?.first { $0["type"] == "Placed" }
        #expect(placed?["message"]?.stringValue?.contains("schedulingMode") == true)
        let events = try await harness.hostAPI.list(.events, namespace: "default").items
        #expect(events.contains {
            $0["reason"] == "PlacementFailed" && $0[path: ["involvedObject", "name"]] == "bound-to-broken"
        })
        #expect(try await harness.memberReplicas("default", "bound-to-broken").isEmpty)
    }
}
