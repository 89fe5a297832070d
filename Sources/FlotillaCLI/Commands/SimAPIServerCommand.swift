import ArgumentParser
import Dispatch
import Foundation
import KubeSim

/// `flotilla sim-apiserver`: runs the in-process Kubernetes API server on its own, so a person can
/// point `kubectl` (or Flotilla) at it. It keeps everything in memory and stops on Ctrl-C or SIGTERM.
struct SimAPIServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sim-apiserver",
        abstract: "Run the in-process Kubernetes API server (in memory, plain HTTP on loopback).",
        discussion: """
            Serves discovery, namespaces, pods, nodes, secrets, configmaps, events, deployments, \
            replicasets, leases and CustomResourceDefinitions (created at run time), with watches. \
            Writes a kubeconfig for it, so that `kubectl --kubeconfig FILE get ns` works. Data is lost \
            when it stops.
            """
    )

    @Option(help: "The loopback port to listen on (0 picks a free one).")
    var port: Int = 0

    @Option(help: "Require this bearer token on every API request (kubectl sends none over plain HTTP).")
    var token: String?

    @Option(name: .customLong("write-kubeconfig"), help: "Where to write a kubeconfig for the server.")
    var kubeconfigPath: String = "sim-apiserver.kubeconfig"

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535.") }
    }

    func run() async throws {
        let server = KubeSimServer(configuration: KubeSimConfiguration(port: port, bearerToken: token))
        let boundPort: Int
        do {
            boundPort = try await server.start()
        } catch {
            printError("error: cannot listen on 127.0.0.1:\(port): \(error)")
            throw ExitCode(1)
        }
        let url = "http://127.0.0.1:\(boundPort)"
        do {
            try Data(Self.kubeconfig(server: url, token: token).utf8).write(to: URL(fileURLWithPath: kubeconfigPath))
        } catch {
            await server.stop()
            printError("error: cannot write \(kubeconfigPath): \(error.localizedDescription)")
            throw ExitCode(1)
        }
        printUnbuffered("serving the Kubernetes API on \(url)")
        printUnbuffered("kubeconfig written to \(kubeconfigPath): kubectl --kubeconfig \(kubeconfigPath) get namespaces")
        let signal = await Self.waitForTermination()
        printUnbuffered("received \(signal), stopping")
        await server.stop()
    }

    /// A kubeconfig with one context for the simulated server.
    static func kubeconfig(server: String, token: String?) -> String {
        let user = token.map { "\n    token: \($0)" } ?? " {}"
        return """
            apiVersion: v1
            kind: Config
            clusters:
            - name: sim
              cluster:
                server: \(server)
            users:
            - name: sim
              user:\(user)
            contexts:
            - name: sim
              context: {cluster: sim, user: sim, namespace: default}
            current-context: sim

            """
    }

    /// Suspends until SIGINT or SIGTERM arrives; returns its name.
    static func waitForTermination() async -> String {
        await withCheckedContinuation { (continuation: CheckedContinuation<String, Never>) in
            let queue = DispatchQueue(label: "flotilla.signals")
            let resumed = SignalLatch(continuation)
            for (number, name) in [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")] {
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
                source.setEventHandler { resumed.resume(name) }
                source.resume()
                resumed.keep(source)
            }
        }
    }
}

/// Resumes the continuation once, from whichever signal comes first, and keeps the signal sources
/// alive until then. `@unchecked Sendable`: its state is only touched under `lock`, because a signal
/// can arrive on the signal queue while the caller is still registering the second source.
private final class SignalLatch: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<String, Never>?
    private var sources: [any DispatchSourceSignal] = []

    init(_ continuation: CheckedContinuation<String, Never>) { self.continuation = continuation }

    func keep(_ source: any DispatchSourceSignal) { lock.withLock { sources.append(source) } }

    func resume(_ name: String) {
        let (waiting, armed) = lock.withLock { () -> (CheckedContinuation<String, Never>?, [any DispatchSourceSignal]) in
            defer { continuation = nil }
            return (continuation, sources)
        }
        waiting?.resume(returning: name)
        if waiting != nil { for source in armed { source.cancel() } }
    }
}
