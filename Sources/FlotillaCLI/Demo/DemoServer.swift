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
        let federation = try await SimulatedFederation.start(config: config, clock: SystemClock(), hostPort: hostPort)
        try await federation.register()
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let hostFile = try await write("host", server: federation.host.port ?? 0, token: SimulatedFederation.hostToken)
        var lines = ["The simulated federation is running. Try:", "  kubectl --kubeconfig \(hostFile) get fcluster"]
        for member in federation.members {
            let file = try await write(member.config.displayName, server: member.server.port ?? 0, token: member.token)
            lines.append("  kubectl --kubeconfig \(file) get pods -o wide    # \(member.config.displayName)")
        }
        lines.append("  kubectl --kubeconfig \(hostFile) apply -f config/scenario/policies.yaml -f config/scenario/deployment-weight.yaml")
        lines.append("Ctrl-C stops it.")
        printUnbuffered(lines.joined(separator: "\n"))
        let running = Task { await federation.run() }
        let signal = await SimAPIServerCommand.waitForTermination()
        printUnbuffered("\(signal): stopping")
        running.cancel()
        await running.value
        await federation.stop()
    }

    /// Writes a kubeconfig for one server and returns its path.
    private func write(_ name: String, server port: Int, token: String) throws -> String {
        let path = (directory as NSString).appendingPathComponent("\(name).kubeconfig")
        let text = """
            apiVersion: v1
            kind: Config
            clusters:
            - name: \(name)
              cluster: {server: "http://127.0.0.1:\(port)"}
            users:
            - name: \(name)
              user: {token: \(token)}
            contexts:
            - name: \(name)
              context: {cluster: \(name), user: \(name), namespace: default}
            current-context: \(name)

            """
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
