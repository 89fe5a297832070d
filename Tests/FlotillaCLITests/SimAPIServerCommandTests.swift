import Foundation
import KubeClient
import Testing

/// `flotilla sim-apiserver` as a person uses it: start it, point kubectl at the kubeconfig it
/// writes, stop it with SIGTERM.
@Suite struct SimAPIServerCommandTests {
    @Test func itServesKubectlThroughTheKubeconfigItWritesAndStopsOnSIGTERM() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let kubeconfig = sandbox.directory.appendingPathComponent("sim.kubeconfig").path
        let server = Process()
        server.executableURL = try Sandbox.flotilla()
        server.arguments = ["sim-apiserver", "--write-kubeconfig", kubeconfig]
        let output = Pipe()
        server.standardOutput = output
        server.standardError = output
        try ProcessLaunch.run(server)
        defer { if server.isRunning { server.terminate() } }

        // The kubeconfig appears once the server listens (bounded wait, not a timing assertion).
        var attempts = 0
        while !FileManager.default.fileExists(atPath: kubeconfig), attempts < 300, server.isRunning {
            Thread.sleep(forTimeInterval: 0.05)
            attempts += 1
        }
        #expect(FileManager.default.fileExists(atPath: kubeconfig), "the server never wrote its kubeconfig")

        let kubectl = try sandbox.runTool("kubectl", ["--kubeconfig", kubeconfig, "get", "namespaces", "-o", "name"])
        #expect(kubectl.status == 0, "\(kubectl.stderr)")
        #expect(kubectl.stdout.split(separator: "\n").sorted() == ["namespace/default", "namespace/kube-system"])

        kill(server.processIdentifier, SIGTERM)
        server.waitUntilExit()
        let printed = String(decoding: try BlockingRead.toEnd(output.fileHandleForReading), as: UTF8.self)
        #expect(server.terminationStatus == 0)
        #expect(printed.contains("serving the Kubernetes API on http://127.0.0.1:"))
        #expect(printed.contains("received SIGTERM, stopping"))
    }
}
