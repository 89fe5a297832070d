import KubeClient
import KubeObjects
import KubeSim
import MemberSim
import Testing

/// `waitUntilIdle()`: what it waits for, and what it does not.
@Suite(.timeLimit(.minutes(2)))
struct IdleSignalTests {
    @Test func idleCoversAChangeMadeJustBeforeTheCall() async throws {
        try await withMember("VKE-POC1") { member in
            _ = try await member.api.create(.deployments, namespace: "default", MemberHarness.scenarioDeployment(replicas: 4))
            try await member.simulator.waitUntilIdle()
            #expect(try await member.census().description == "4 = 2+2+0")
            #expect(try await member.simulator.isIdle())
        }
    }

    @Test func aTimerInTheFutureDoesNotKeepTheSimulatorBusyButADueOneDoes() async throws {
        try await withMember("VKE-POC1") { member in
            try await member.createDeployment(replicas: 6)
            // Idle, with the autoscaler's timer armed a minute ahead.
            #expect(try await member.simulator.isIdle())
            #expect(await member.simulator.pendingDeadlines == [.zero + .seconds(60)])
            // Once the clock reaches it, idle means the nodes it stands for exist and are used.
            try await member.advance(by: .seconds(60))
            #expect(await member.simulator.pendingDeadlines.isEmpty)
            #expect(try await member.census().description == "6 = 2+2+2")
        }
    }

    @Test func waitingThrowsOnceTheSimulatorHasStopped() async throws {
        let config = try FederationConfig.load(file: demoDirectory + "/federation.yaml")
        let server = KubeSimServer()
        let port = try await server.start()
        let api = KubeAPI(transport: CurlTransport(server: ServerURL(scheme: .http, host: "127.0.0.1", port: port)))
        let simulator = MemberSimulator(member: config.members[0], api: api, clock: ManualClock())
        let running = Task { try await simulator.run() }
        try await simulator.waitUntilIdle()
        running.cancel()
        try await running.value
        await #expect(throws: MemberSimulatorError.self) { try await simulator.waitUntilIdle() }
        await #expect(throws: MemberSimulatorError.self) { try await simulator.run() }
        await server.stop()
    }

    @Test func aSetupFailureIsThrownByRunAndByWaiting() async throws {
        let config = try FederationConfig.load(file: demoDirectory + "/federation.yaml")
        // Port 1 on loopback: nothing listens there, and no other test's server can take it (a
        // stopped server's port can be reused by a test running in parallel).
        let api = KubeAPI(
            transport: CurlTransport(server: ServerURL(scheme: .http, host: "127.0.0.1", port: 1)), retryPolicy: .never)
        let simulator = MemberSimulator(member: config.members[0], api: api, clock: ManualClock())
        await #expect(throws: KubeAPIError.self) { try await simulator.run() }
        await #expect(throws: MemberSimulatorError.self) { try await simulator.waitUntilIdle() }
    }
}
