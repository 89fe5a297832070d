import Federation
import KubeClient
import KubeObjects
import Placement
import Testing

/// A member that goes away and comes back: nothing of it is deleted, the others carry on, and it
/// catches up when it returns.
@Suite("Workload controller: a member outage", .timeLimit(.minutes(2)))
struct WorkloadControllerOutageTests {
    static let vke1 = "cclt81kqnjbeqedvbbt0g", vke2 = "ccltbv1p1h4ho7pq6sugg", ack = "cclt75bp1h4ho7pq6su9g"

    @Test("a member that is down keeps its object and replicas, and is brought up to date when it returns")
    func memberOutage() async throws {
        let harness = try await FederationHarness.start()
        defer { Task { await harness.stop() } }
        try await harness.apply(scenario: "clusters.yaml", "policies.yaml", "deployment-weight.yaml")
        let controller = WorkloadController(
            host: harness.hostAPI, clients: harness.memberClients, clock: harness.clock, watchTimeoutSeconds: 60)
        let running = Task { await controller.run(workers: 2) }
        defer { running.cancel() }
        try await harness.eventually {
            try await harness.memberReplicas("default", "fed-dp-gpu") == [Self.vke1: 4, Self.vke2: 4, Self.ack: 2]
        }
        let ack = harness.members[Self.ack]!
        let before = try await ack.api.get(.deployments, namespace: "default", name: "fed-dp-gpu")

        await ack.server.stop()
        _ = try await harness.hostAPI.patch(.deployments, namespace: "default", name: "fed-dp-gpu", ["spec": ["replicas": 15]])
        // The reachable members are updated while ACK-POC is down.
        try await harness.eventually {
            let replicas = try await harness.memberReplicas("default", "fed-dp-gpu", clusters: [Self.vke1, Self.vke2])
            return replicas == [Self.vke1: 6, Self.vke2: 6]
        }
        try await harness.eventually { await controller.queue.failures(of: Self.workloadKey) > 0 }

        try await ack.server.start()
        // Failed reconciles back off on the controller's clock; move it past any backoff.
        try await harness.eventually {
            harness.clock.advance(by: .seconds(60))
            return try await harness.memberReplicas("default", "fed-dp-gpu")[Self.ack] == 3
        }
        let after = try await ack.api.get(.deployments, namespace: "default", name: "fed-dp-gpu")
        #expect(after[path: ["metadata", "uid"]] == before[path: ["metadata", "uid"]], "the member object was recreated")
        #expect(try await harness.memberReplicas("default", "fed-dp-gpu") == [Self.vke1: 6, Self.vke2: 6, Self.ack: 3])
    }

    @Test("a member down since start-up holds up only its own share, and gets it as soon as it lists")
    func memberDownAtStartUp() async throws {
        let harness = try await FederationHarness.start()
        defer { Task { await harness.stop() } }
        let ack = harness.members[Self.ack]!
        await ack.server.stop()
        try await harness.apply(scenario: "clusters.yaml", "policies.yaml", "deployment-weight.yaml", extra: Self.cloudAOnly)
        let reports = ReportLog()
        let controller = WorkloadController(
            host: harness.hostAPI, clients: harness.memberClients, clock: harness.clock, watchTimeoutSeconds: 60,
            memberSyncWait: .milliseconds(200), report: { await reports.append($0) })
        let running = Task { await controller.run(workers: 2) }
        defer { running.cancel() }

        // A workload that does not use ACK-POC is placed, and its reconciles succeed: a member
        // nobody can read is left for later, not a failure of every workload.
        try await harness.eventually(within: .seconds(30), "web placed on the cloud A members") {
            try await harness.memberReplicas("default", "web", clusters: [Self.vke1, Self.vke2])
                == [Self.vke1: 1, Self.vke2: 1]
        }
        try await harness.eventually(within: .seconds(30), "a report for web") {
            await reports.outcomes(of: Self.webKey).count >= 2
        }
        #expect(await reports.outcomes(of: Self.webKey).allSatisfy { $0 }, "a reconcile of web failed")
        // The workload placed on ACK-POC too gets its cloud A share, and one Event for ACK-POC.
        try await harness.eventually(within: .seconds(30), "fed-dp-gpu placed on the cloud A members") {
            try await harness.memberReplicas("default", "fed-dp-gpu", clusters: [Self.vke1, Self.vke2])
                == [Self.vke1: 4, Self.vke2: 4]
        }
        try await harness.eventually(within: .seconds(30), "a MemberSyncFailed Event") {
            try await !harness.events("MemberSyncFailed", about: "fed-dp-gpu").isEmpty
        }
        let event = try await harness.events("MemberSyncFailed", about: "fed-dp-gpu").first
        #expect(
            event?["message"]?.stringValue
                == "cluster \(Self.ack): its objects have not been listed yet (the member has not answered)")

        // The controller's clock stands still, so fed-dp-gpu's backoff never runs out: only
        // ACK-POC's first list can bring it back.
        try await ack.server.start()
        try await harness.eventually(within: .seconds(60), "ACK-POC's share written once it lists") {
            try await harness.memberReplicas("default", "fed-dp-gpu")[Self.ack] == 2
        }
    }

    /// A policy and a workload of 2 replicas on the two cloud A members only.
    static let cloudAOnly: [JSONValue] = [
        [
            "apiVersion": "core.kubeadmiral.io/v1alpha1", "kind": "PropagationPolicy",
            "metadata": ["name": "cloud-a", "namespace": "default"],
            "spec": ["schedulingMode": "Divide", "placement": [["cluster": .string(vke1)], ["cluster": .string(vke2)]]],
        ],
        [
            "apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": [
                "name": "web", "namespace": "default", "labels": ["kubeadmiral.io/propagation-policy-name": "cloud-a"],
            ],
            "spec": [
                "replicas": 2, "selector": ["matchLabels": ["app": "web"]],
                "template": [
                    "metadata": ["labels": ["app": "web"]], "spec": ["containers": [["name": "web", "image": "nginx"]]],
                ],
            ],
        ],
    ]

    static let webKey = ObjectKey(
        resource: KubeClient.APIResource.deployments.groupResource, namespace: "default", name: "web")

    static let workloadKey = ObjectKey(
        resource: KubeClient.APIResource.deployments.groupResource, namespace: "default", name: "fed-dp-gpu")
}

/// Whether each reconcile of a key succeeded, in order.
actor ReportLog {
    private var outcomes: [ObjectKey: [Bool]] = [:]

    func append(_ report: ReconcileReport) {
        switch report.outcome {
        case .done, .requeued: outcomes[report.key, default: []].append(true)
        case .retrying, .failedTerminally: outcomes[report.key, default: []].append(false)
        }
    }

    func outcomes(of key: ObjectKey) -> [Bool] { outcomes[key] ?? [] }
}
