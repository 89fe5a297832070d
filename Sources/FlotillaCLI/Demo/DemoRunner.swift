import Federation
import Foundation
import KubeClient
import KubeObjects
import MemberSim
import Placement

/// Walks the reference scenario on a simulated federation, on virtual time, and compares every
/// step's pods per pool with the scenario's table.
///
/// Virtual time moves only when everything has settled: the member simulators are idle, the
/// controllers' queues are empty, and no server's resourceVersion moved since the last look. It
/// then jumps to the next timer anyone has armed (a node being provisioned, a pod crossing
/// `podUnschedulableFor`), never past the step's window. Ordinary steps get a window long enough
/// for the autoscaler (`stepWindow`); "after 2m" steps get `podUnschedulableFor`.
struct DemoRunner {
    let federation: SimulatedFederation
    let clock: ManualClock
    let scenarioDirectory: String
    let output: @Sendable (String) -> Void
    var stepWindow: Duration = .seconds(90)
    var unschedulableWindow: Duration = .seconds(120)
    static let namespace = "default"
    static let workload = "fed-dp-gpu"

    /// Runs every part; returns each step's verdict, in order.
    func run(_ script: DemoScript) async throws -> [(step: String, verdict: DemoStep.Verdict)] {
        try await applyHostFile("policies.yaml")
        try await settle()
        var verdicts: [(step: String, verdict: DemoStep.Verdict)] = []
        for part in script.parts {
            output("\n\(part.title)")
            try await resetMembers()
            for step in part.steps {
                try await perform(step.action, part: part)
                let window = step.action == .waitUnschedulable ? unschedulableWindow : stepWindow
                try await advance(by: window)
                let actual = try await census()
                let verdict = step.verdict(for: actual)
                verdicts.append((step.id, verdict))
                output(DemoTable.render(step: step, actual: actual, verdict: verdict))
            }
            try await removeWorkload()
        }
        return verdicts
    }

    // MARK: Actions

    func perform(_ action: DemoStep.Action, part: DemoPart) async throws {
        switch action {
        case .apply:
            try await applyHostFile(part.workloadFile)
        case .scale(let replicas):
            _ = try await federation.hostAPI.patch(
                .deployments, namespace: Self.namespace, name: Self.workload, ["spec": ["replicas": .int(replicas)]])
        case .waitUnschedulable:
            break
        case .setElasticMax(let max, let indices):
            for index in indices { try await setElasticMax(Int(max), member: federation.members[index]) }
        }
    }

    func setElasticMax(_ max: Int, member: SimulatedFederation.Member) async throws {
        for document in member.config.resourcePolicies {
            let policy = document.policy
            try await ResourcePolicy.setElasticMax(
                max, api: member.api, dialect: policy.dialect, namespace: policy.namespace, name: policy.name)
        }
    }

    /// Each part starts with the scenario's elastic limit of 2 everywhere.
    func resetMembers() async throws {
        for member in federation.members { try await setElasticMax(2, member: member) }
        try await settle()
    }

    func removeWorkload() async throws {
        try await federation.hostAPI.delete(.deployments, namespace: Self.namespace, name: Self.workload)
        try await advance(by: stepWindow)
    }

    func applyHostFile(_ name: String) async throws {
        let path = (scenarioDirectory as NSString).appendingPathComponent(name)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        for object in try KubeDocuments.read(text, file: path) {
            let resource = try DemoObjects.resource(of: object)
            _ = try await federation.hostAPI.create(resource, object)
        }
    }

    // MARK: Time

    /// Moves virtual time forward by `window`, stopping at every armed timer and settling there.
    func advance(by window: Duration) async throws {
        let end = clock.now + window
        try await settle()
        while clock.now < end {
            let next = clock.pendingDeadlines.filter { $0 > clock.now }.min() ?? end
            clock.advance(to: min(next, end))
            try await settle()
        }
    }

    /// Returns once nothing is moving: simulators idle, queues drained, no server writes.
    func settle() async throws {
        var previous: [String] = []
        while true {
            try Task.checkCancellation()
            for member in federation.members { try await member.simulator.waitUntilIdle() }
            let term = await federation.controllers.current
            let workloadQueue = await term.workloads.queue.stats()
            let clusterQueue = await term.clusters.queue.stats()
            let busy = workloadQueue.isBusy || clusterQueue.isBusy
            let versions = await federation.serverVersions()
            if !busy && versions == previous { return }
            previous = versions
            try await Task.sleep(for: .milliseconds(busy ? 5 : 25))
        }
    }

    // MARK: Reading the members

    func census() async throws -> [PoolCount] {
        var counts: [PoolCount] = []
        for member in federation.members {
            let census = try await PoolCensus.read(
                api: member.api, member: member.config, namespace: Self.namespace, deployment: Self.workload)
            counts.append(PoolCount(
                census.pods(in: .prepaid), census.pods(in: .elastic), census.pods(in: .postpaid),
                census.unschedulable + census.elsewhere))
        }
        return counts
    }
}

extension WorkQueueStats {
    /// Keys waiting or being worked on now (delayed keys are timers, not work).
    var isBusy: Bool { depth > 0 || processing > 0 }
}

enum DemoObjects {
    static func resource(of object: JSONValue) throws -> KubeClient.APIResource {
        let kind = object["kind"]?.stringValue
        guard let kind, kind != "FederatedCluster", let resource = KubeClient.APIResource.federationObject(kind: kind) else {
            throw ValidationFailure("the demo does not apply \(kind ?? "objects without a kind")")
        }
        return resource
    }
}

struct ValidationFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
