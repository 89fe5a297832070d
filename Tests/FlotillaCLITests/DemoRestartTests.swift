import Foundation
import KubeClient
import MemberSim
import Testing

@testable import FlotillaCLI

/// A controller restart in the middle of the reference scenario, on the simulated federation:
/// at A3 pods are pending in cloud A and auto-migration has a threshold crossing armed. The
/// restarted controllers must write nothing, and must still move the overflow at A4.
@Suite("demo: a restart mid-scenario", .timeLimit(.minutes(3)))
struct DemoRestartTests {
    @Test("restarting the controllers at A3 writes nothing, and A4 still moves the overflow to ACK-POC")
    func restartAtA3() async throws {
        let config = try FederationConfig.load(file: DemoCommandTests.path("config/demo/federation.yaml"))
        let clock = ManualClock(wallTimeAtZero: DemoCommand.currentWallTime())
        let federation = try await SimulatedFederation.start(config: config, clock: clock)
        try await federation.register()
        let running = Task { await federation.run() }
        let runner = DemoRunner(
            federation: federation, clock: clock, scenarioDirectory: DemoCommandTests.path("config/scenario"),
            output: { _ in })
        do {
            try await walkWithRestart(federation, runner)
        } catch {
            running.cancel()
            await running.value
            await federation.stop()
            throw error
        }
        running.cancel()
        await running.value
        await federation.stop()
    }

    /// A1-A3, a restart, then A4.
    func walkWithRestart(_ federation: SimulatedFederation, _ runner: DemoRunner) async throws {
        try await runner.applyHostFile("policies.yaml")
        try await runner.settle()
        try await runner.resetMembers()

        let steps = DemoScript.weighted.steps
        for step in steps.prefix(3) {
            try await runner.perform(step.action, part: DemoScript.weighted)
            try await runner.advance(by: runner.stepWindow)
            #expect(try await runner.census() == step.expected, "\(step.id)")
        }

        let before = await federation.serverVersions()
        let old = await federation.controllers.current.workloads
        await federation.controllers.restart()
        let restarted = await federation.controllers.current.workloads
        #expect(restarted.queue !== old.queue, "the controllers were not replaced")
        // The new controller has looked at the workload (its caches filled, the key handed out)
        // and everything has settled again.
        while await restarted.queue.stats().handedOut == 0 { try await Task.sleep(for: .milliseconds(10)) }
        try await runner.settle()
        #expect(await federation.serverVersions() == before, "the restarted controllers wrote something")

        // The threshold the first controller armed is armed again by the second: A4 follows.
        let a4 = steps[3]
        try await runner.perform(a4.action, part: DemoScript.weighted)
        try await runner.advance(by: runner.unschedulableWindow)
        #expect(try await runner.census() == a4.expected, "A4 after the restart")
    }
}
