import Foundation
import KubeClient
import KubeObjects
import MemberSim

/// `flotilla demo --serve`: the simulated federation on the real clock, left running for a person
/// with kubectl.
struct DemoServer {
    let config: FederationConfig
    let directory: String
    let hostPort: Int

    func run() async throws {
        let federation = try await SimulatedFederation.start(
            config: config, clock: SystemClock(), hostPort: hostPort, checkTokens: false)
        try await federation.register()
        let running = Task { await federation.run() }
        // A workload applied before the clusters report Ready would be placed on the ready ones
        // only (readiness alone does not reschedule, as in KubeAdmiral), so wait for them first.
        try await federation.waitUntilClustersReady(timeout: .seconds(30))
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let hostFile = try await write("host", server: federation.host?.port ?? 0)
        var lines = ["The simulated federation is running. Try:", "  kubectl --kubeconfig \(hostFile) get fcluster"]
        for member in federation.members {
            let file = try await write(member.config.displayName, server: member.server?.port ?? 0)
            lines.append("  kubectl --kubeconfig \(file) get pods -o wide    # \(member.config.displayName)")
        }
        lines.append("  kubectl --kubeconfig \(hostFile) create --validate=false -f config/scenario/policies.yaml -f config/scenario/deployment-weight.yaml")
        lines.append("Ctrl-C stops it.")
        printUnbuffered(lines.joined(separator: "\n"))
        let signal = await SimAPIServerCommand.waitForTermination()
        printUnbuffered("\(signal): stopping")
        running.cancel()
        await running.value
        await federation.stop()
    }

    /// Writes a kubeconfig for one server and returns its path. The servers run without token
    /// checks here: kubectl does not send a bearer token over plain http.
    private func write(_ name: String, server port: Int) throws -> String {
        let path = (directory as NSString).appendingPathComponent("\(name).kubeconfig")
        let text = """
            apiVersion: v1
            kind: Config
            clusters:
            - name: \(name)
              cluster: {server: "http://127.0.0.1:\(port)"}
            users:
            - name: \(name)
              user: {}
            contexts:
            - name: \(name)
              context: {cluster: \(name), user: \(name), namespace: default}
            current-context: \(name)

            """
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
