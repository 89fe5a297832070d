import Foundation
import KubeClient
import MemberSim

@testable import FlotillaCLI

/// The demo's simulated federation (`config/demo/federation.yaml`), running, with a `DemoRunner`
/// over `scenarioDirectory` and the scenario's policies applied; stopped after `body`, also when
/// it throws.
func withSimulatedFederation(
    scenarioDirectory: String = DemoCommandTests.path("config/scenario"),
    _ body: (SimulatedFederation, DemoRunner) async throws -> Void
) async throws {
    let config = try FederationConfig.load(file: DemoCommandTests.path("config/demo/federation.yaml"))
    let clock = ManualClock(wallTimeAtZero: DemoCommand.currentWallTime())
    let federation = try await SimulatedFederation.start(config: config, clock: clock)
    try await federation.register()
    let running = Task { await federation.run() }
    let runner = DemoRunner(federation: federation, clock: clock, scenarioDirectory: scenarioDirectory, output: { _ in })
    var failure: (any Error)?
    do {
        try await runner.applyHostFile("policies.yaml")
        try await runner.settle()
        try await body(federation, runner)
    } catch {
        failure = error
    }
    running.cancel()
    await running.value
    await federation.stop()
    if let failure { throw failure }
}

extension DemoRunner {
    /// Performs `step` and lets its window pass; returns the pods per pool afterwards.
    func walk(_ step: DemoStep, of part: DemoPart) async throws -> [PoolCount] {
        try await perform(step.action, part: part)
        try await advance(by: step.action == .waitUnschedulable ? unschedulableWindow : stepWindow)
        return try await census()
    }
}
