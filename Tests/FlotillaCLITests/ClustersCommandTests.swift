import Foundation
import KubeClient
import KubeObjects
import KubeSim
import Testing

/// `flotilla clusters` run as a user runs it, against a simulated host and two members.
@Suite(.timeLimit(.minutes(2)))
struct ClustersCommandTests {
    static let memberToken = "member-2-token-5e1c"
    static let staleToken = "stale-token-90ab"

    /// A host listing five members: two good ones, one with a stale token, one without a Secret,
    /// and one whose endpoint refuses connections. Member 1 has 16 schedulable GPUs (8 more on a
    /// cordoned node) with 6 requested; member 2 (which needs a token) has 4, one node tainted.
    struct Federation {
        let servers: [KubeSimServer]
        let hostURL: String

        static func start() async throws -> Federation {
            let host = try await Server.start()
            let one = try await Server.start()
            let two = try await Server.start(token: memberToken)
            _ = try await host.api.create(customResourceDefinitions, federatedClusterCRD)
            _ = try await host.api.create(
                .namespaces, ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "kube-admiral-system"]])
            for (name, extra) in [("a", [String: JSONValue]()), ("b", [:]), ("cordoned", ["unschedulable": true])] {
                try await one.createWithStatus(.nodes, node(name, gpus: 8, spec: extra))
            }
            try await one.createWithStatus(.pods, pod("train", gpus: 6))
            try await two.createWithStatus(.nodes, node("a", gpus: 4, spec: [:]))
            try await two.createWithStatus(
                .nodes, node("tainted", gpus: 4, spec: ["taints": [["key": "x", "effect": "NoExecute"]]]))
            let refused = "http://127.0.0.1:\(try await unusedPort())"
            let members: [(String, String, String?)] = [
                ("member-1", one.url, "unused"), ("member-2", two.url, memberToken), ("stale", two.url, staleToken),
                ("no-secret", one.url, nil), ("down", refused, "unused"),
            ]
            for (name, url, token) in members {
                if let token { _ = try await host.api.create(.secrets, secret(name, token: token)) }
                _ = try await host.api.create(
                    federatedClusters,
                    [
                        "apiVersion": "core.kubeadmiral.io/v1alpha1", "kind": "FederatedCluster",
                        "metadata": ["name": .string(name)],
                        "spec": ["apiEndpoint": .string(url), "secretRef": ["name": .string(name)]],
                    ])
            }
            return Federation(servers: [host.server, one.server, two.server], hostURL: host.url)
        }

        func stop() async { for server in servers { await server.stop() } }

        /// Runs `body` with a started federation and a kubeconfig for its host; stops it after.
        static func with(_ body: (Sandbox, String) async throws -> Void) async throws {
            let federation = try await start()
            let sandbox = try Sandbox()
            do {
                try await body(sandbox, try sandbox.write("host.kubeconfig", kubeconfig(server: federation.hostURL)))
            } catch {
                sandbox.remove()
                await federation.stop()
                throw error
            }
            sandbox.remove()
            await federation.stop()
        }
    }

    @Test func theTableShowsEachMembersGPUsNodesAndWhyItIsNotReady() async throws {
        try await Federation.with { sandbox, kubeconfig in
            let run = try await sandbox.runInBackground(["clusters", "--kubeconfig", kubeconfig, "--timeout", "3s"])
            #expect(run.status == 0, "\(run.stderr)")
            let rows = Self.rows(run.stdout)
            #expect(rows.first == ["NAME", "READY", "JOINED", "GPUS", "NODES", "AGE", "REASON"])
            #expect(rows.map { $0[0] } == ["NAME", "down", "member-1", "member-2", "no-secret", "stale"])
            #expect(Array(rows[2][1...4]) == ["True", "True", "10/16", "2"])
            #expect(rows[2][6] == "-")
            #expect(Array(rows[3][1...4]) == ["True", "True", "4/4", "1"])
            #expect(Array(rows[1][1...2]) == ["Unknown", "Unknown"])
            #expect(rows[1][6].hasPrefix("unreachable: "))
            #expect(Array(rows[4][1...4]) == ["False", "False", "-", "-"])
            #expect(rows[4][6].hasPrefix("Secret kube-admiral-system/no-secret: not found"))
            #expect(Array(rows[5][1...2]) == ["False", "False"])
            #expect(rows[5][6] == "invalid or expired token or certificate (401)")
            #expect(
                !(run.stdout + run.stderr).contains(Self.memberToken)
                    && !(run.stdout + run.stderr).contains(Self.staleToken))
        }
    }

    @Test func jsonCarriesTheSameFactsAsNumbers() async throws {
        try await Federation.with { sandbox, kubeconfig in
            let run = try await sandbox.runInBackground(["clusters", "--kubeconfig", kubeconfig, "-o", "json"])
            #expect(run.status == 0, "\(run.stderr)")
            let members = try #require(try JSONValue(parsing: run.stdout).arrayValue)
            #expect(
                members.compactMap { $0["name"]?.stringValue } == [
                    "down", "member-1", "member-2", "no-secret", "stale",
                ])
            let one = members[1]
            #expect(one["ready"] == "True" && one["joined"] == "True")
            #expect(one["gpus"] == ["available": 10, "allocatable": 16])
            #expect(one["schedulableNodes"] == 2)
            #expect(one["reason"] == .null)
            #expect(members[2]["gpus"] == ["available": 4, "allocatable": 4])
            #expect(members[3]["gpus"] == ["available": .null, "allocatable": .null])
            #expect(members[3]["reason"]?.stringValue?.contains("not found") == true)
            #expect(members[4]["reason"] == "invalid or expired token or certificate (401)")
            #expect(members[0]["creationTimestamp"]?.stringValue != nil)
            #expect(!run.stdout.contains(Self.memberToken) && !run.stdout.contains(Self.staleToken))
        }
    }

    @Test func aMissingKubeconfigIsOneClearErrorAndExit1() async throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let run = try await sandbox.runInBackground(["clusters", "--kubeconfig", "absent.kubeconfig"])
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr == "error: absent.kubeconfig: the kubeconfig file given with --kubeconfig does not exist\n")
    }

    @Test func anUnreachableHostIsOneClearErrorAndExit1() async throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let kubeconfig = try sandbox.write(
            "host.kubeconfig", Self.kubeconfig(server: "http://127.0.0.1:\(try await Self.unusedPort())"))
        let run = try await sandbox.runInBackground(["clusters", "--kubeconfig", kubeconfig, "--timeout", "2s"])
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("error: cannot list FederatedClusters on the host: "))
        #expect(run.stderr.split(separator: "\n").count == 1)
    }

    @Test func aHostWithoutTheCRDSaysSo() async throws {
        let host = try await Server.start()
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let kubeconfig = try sandbox.write("host.kubeconfig", Self.kubeconfig(server: host.url))
        let run = try await sandbox.runInBackground(["clusters", "--kubeconfig", kubeconfig])
        await host.server.stop()
        #expect(run.status == 1)
        #expect(run.stderr.contains("install the FederatedCluster CRD"))
    }

    // MARK: Support

    /// Table rows split on runs of two or more spaces (cells hold single spaces only).
    static func rows(_ table: String) -> [[String]] {
        table.split(separator: "\n").map { line in
            line.replacingOccurrences(of: " {2,}", with: "\u{1F}", options: .regularExpression)
                .split(separator: "\u{1F}").map(String.init)
        }
    }

    static func kubeconfig(server: String) -> String {
        """
        apiVersion: v1
        kind: Config
        clusters: [{name: host, cluster: {server: "\(server)"}}]
        users: [{name: admin, user: {}}]
        contexts: [{name: host, context: {cluster: host, user: admin}}]
        current-context: host
        """
    }

    /// A port nothing listens on: 1 on loopback. (A stopped server's port could be taken by a
    /// test running in parallel.)
    static func unusedPort() async throws -> Int { 1 }

    static let federatedClusters = APIResource(
        group: "core.kubeadmiral.io", version: "v1alpha1", name: "federatedclusters", namespaced: false)
    static let customResourceDefinitions = APIResource(
        group: "apiextensions.k8s.io", version: "v1", name: "customresourcedefinitions", namespaced: false)

    static let federatedClusterCRD: JSONValue = {
        var root = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { root.deleteLastPathComponent() }
        let file = root.appendingPathComponent("manifests/crds/core.kubeadmiral.io_federatedclusters.yaml")
        return (try? KubeDocuments.read(String(contentsOf: file, encoding: .utf8)))?.first ?? .null
    }()

    static func secret(_ name: String, token: String) -> JSONValue {
        [
            "apiVersion": "v1", "kind": "Secret",
            "metadata": ["name": .string(name), "namespace": "kube-admiral-system"],
            "data": ["bootstrap-token-data": .string(Data(token.utf8).base64EncodedString())],
        ]
    }

    static func node(_ name: String, gpus: Int64, spec: [String: JSONValue]) -> JSONValue {
        [
            "apiVersion": "v1", "kind": "Node", "metadata": ["name": .string(name)],
            "spec": .object(JSONObject(spec.map { ($0, $1) })),
            "status": [
                "allocatable": ["nvidia.com/gpu": .int(gpus), "cpu": "32", "pods": "110"],
                "conditions": [["type": "Ready", "status": "True"]],
            ],
        ]
    }

    static func pod(_ name: String, gpus: Int64) -> JSONValue {
        [
            "apiVersion": "v1", "kind": "Pod", "metadata": ["name": .string(name), "namespace": "default"],
            "spec": [
                "containers": [
                    ["name": "main", "image": "trainer", "resources": ["requests": ["nvidia.com/gpu": .int(gpus)]]]
                ]
            ],
            "status": ["phase": "Running"],
        ]
    }
}

/// One in-process API server and an admin client to it.
struct Server {
    let server: KubeSimServer
    let api: KubeAPI
    let url: String

    static func start(token: String? = nil) async throws -> Server {
        let server = KubeSimServer(configuration: KubeSimConfiguration(bearerToken: token))
        let url = "http://127.0.0.1:\(try await server.start())"
        let api = KubeAPI(
            transport: CurlTransport(server: try ServerURL(validating: url)),
            authenticator: token.map { .token(Secret($0)) } ?? .none, retryPolicy: .never)
        return Server(server: server, api: api, url: url)
    }

    /// Creates the object and then sets its status (a create drops it).
    func createWithStatus(_ resource: APIResource, _ object: JSONValue) async throws {
        var created = try await api.create(resource, object)
        created["status"] = object["status"]
        _ = try await api.updateSubresource(resource, created, subresource: "status")
    }
}

extension Sandbox {
    /// Runs the binary on a thread of its own, so that the in-process servers it talks to keep
    /// the concurrency pool's threads while the test waits.
    func runInBackground(_ arguments: [String]) async throws -> Run {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try self.run(arguments) }) }
        }
    }
}
