import Foundation
import KubeClient
import KubeObjects
import Testing

/// The real kube-apiserver these tests run against: the kubeconfig that `hack/e2e/start-cluster.sh`
/// wrote, named by `FLOTILLA_E2E_KUBECONFIG`. `make e2e-client` starts a cluster, sets the
/// variable and runs this target; without it the tests fail rather than pass vacuously.
enum E2ECluster {
    static let variable = "FLOTILLA_E2E_KUBECONFIG"

    /// The kubeconfig's path, or a failure that says how to run these tests.
    static func kubeconfigPath(sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let path = ProcessInfo.processInfo.environment[variable]
        return try #require(
            path.flatMap { $0.isEmpty ? nil : $0 },
            """
            \(variable) is not set. These tests need a real kube-apiserver: run `make e2e-client` \
            (hack/e2e/client-tests.sh), which starts one and sets \(variable) to its kubeconfig.
            """,
            sourceLocation: sourceLocation)
    }

    /// A client for the cluster, as its admin (bearer token).
    static func api(sourceLocation: SourceLocation = #_sourceLocation) throws -> KubeAPI {
        try api(kubeconfig: kubeconfigPath(sourceLocation: sourceLocation))
    }

    static func api(kubeconfig path: String, retryPolicy: RetryPolicy = .default) throws -> KubeAPI {
        let connection = try KubeconfigLoader(explicitPath: path).load()
        return KubeAPI(connection: connection, retryPolicy: retryPolicy)
    }

    /// A name no other test run uses: `prefix-` and eight hex digits.
    static func uniqueName(_ prefix: String) -> String {
        "\(prefix)-\(String(UInt32.random(in: .min ... .max), radix: 16))"
    }

    /// Creates a namespace, runs `body` in it and deletes the namespace afterwards, also when
    /// `body` throws. (Without a controller-manager the namespace then stays Terminating; the
    /// cluster is thrown away after the run.)
    static func withNamespace(
        _ prefix: String, _ body: (KubeAPI, String) async throws -> Void
    ) async throws {
        let api = try api()
        let namespace = uniqueName(prefix)
        _ = try await api.create(.namespaces, ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(namespace)]])
        let outcome: Error?
        do {
            try await body(api, namespace)
            outcome = nil
        } catch {
            outcome = error
        }
        do {
            try await api.delete(.namespaces, name: namespace)
        } catch {
            Issue.record("could not delete namespace \(namespace): \(error)")
        }
        if let outcome { throw outcome }
    }

    /// A Deployment without controllers to run it: it never gets pods, which the tests do not need.
    static func deployment(_ name: String, namespace: String, replicas: Int64 = 2) -> JSONValue {
        let labels: JSONValue = ["app": .string(name), "flotilla.io/e2e": "client"]
        return [
            "apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": ["name": .string(name), "namespace": .string(namespace), "labels": labels],
            "spec": [
                "replicas": .int(replicas),
                "selector": ["matchLabels": ["app": .string(name)]],
                "template": [
                    "metadata": ["labels": ["app": .string(name)]],
                    "spec": ["containers": [["name": "pause", "image": "registry.invalid/flotilla/pause:3.2"]]],
                ],
            ],
        ]
    }
}

/// A temporary directory for kubeconfig copies and certificates; removed by `remove()`.
struct ScratchDirectory {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory
            .appendingPathComponent("flotilla-e2e-client-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let target = "\(path)/\(name)"
        try Data(text.utf8).write(to: URL(fileURLWithPath: target))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: target)
        return target
    }

    /// Runs a command (no shell) and fails with its output unless it exits 0.
    func run(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: path)
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try ProcessLaunch.run(process)
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "\(arguments.joined(separator: " ")) failed: \(text)")
    }
}

/// The kubeconfig's text with each line rewritten by `transform` (lines are trimmed of nothing).
func rewrittenKubeconfig(_ path: String, _ transform: (String) -> String) throws -> String {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    return text.split(separator: "\n", omittingEmptySubsequences: false).map { transform(String($0)) }
        .joined(separator: "\n")
}
