import Foundation
import KubeClient
import Testing

/// A pod's service account connection, with the service account files in a temporary directory.
@Suite struct InClusterConfigTests {
    static func serviceAccount(in sandbox: ConfigSandbox, token: String = "token-1\n") throws -> InClusterConfig.Paths {
        try sandbox.write("sa/token", token)
        try sandbox.write("sa/ca.crt", "-----BEGIN CERTIFICATE-----\n")
        try sandbox.write("sa/namespace", "flotilla-system\n")
        return InClusterConfig.Paths(directory: sandbox.path("sa"))
    }

    static let service = ["KUBERNETES_SERVICE_HOST": "10.96.0.1", "KUBERNETES_SERVICE_PORT": "443"]

    @Test func thePodsServiceAccountBecomesAConnection() async throws {
        let sandbox = try ConfigSandbox()
        defer { sandbox.remove() }
        let paths = try Self.serviceAccount(in: sandbox)
        let config = InClusterConfig(paths: paths, environment: sandbox.environment(Self.service))
        #expect(config.isAvailable)
        let connection = try config.load()
        #expect(connection.server.description == "https://10.96.0.1:443")
        #expect(connection.tls == TLSSettings(certificateAuthority: .file(sandbox.path("sa/ca.crt"))))
        #expect(connection.namespace == "flotilla-system")
        #expect(connection.contextName == nil)
        #expect(connection.warnings.isEmpty)
        #expect(try await connection.authenticator.credential() == .bearerToken(Secret("token-1")))
    }

    @Test func anIPv6ServiceHostIsBracketed() throws {
        let sandbox = try ConfigSandbox()
        defer { sandbox.remove() }
        let paths = try Self.serviceAccount(in: sandbox)
        let environment = sandbox.environment(["KUBERNETES_SERVICE_HOST": "fd00:10:96::1", "KUBERNETES_SERVICE_PORT": "443"])
        let connection = try InClusterConfig(paths: paths, environment: environment).load()
        #expect(connection.server.description == "https://[fd00:10:96::1]:443")
        #expect(connection.server.host == "fd00:10:96::1")
    }

    @Test func outsideAPodTheErrorNamesTheMissingVariables() throws {
        let sandbox = try ConfigSandbox()
        defer { sandbox.remove() }
        let config = InClusterConfig(paths: try Self.serviceAccount(in: sandbox), environment: sandbox.environment())
        #expect(!config.isAvailable)
        let error = try #require(throws: KubeConfigError.self) { try config.load() }
        #expect(error.code == .notInCluster)
        #expect(error.message == "not running in a Kubernetes pod: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must both be set")
    }

    @Test func aMissingTokenFileIsAnError() throws {
        let sandbox = try ConfigSandbox()
        defer { sandbox.remove() }
        let paths = InClusterConfig.Paths(directory: sandbox.path("nowhere"))
        let error = try #require(throws: KubeConfigError.self) {
            try InClusterConfig(paths: paths, environment: sandbox.environment(Self.service)).load()
        }
        #expect(error.message == "token file \(sandbox.path("nowhere/token")) does not exist")
    }

    @Test func withoutCAFileOrNamespaceFileTheDefaultsApplyWithAWarning() throws {
        let sandbox = try ConfigSandbox()
        defer { sandbox.remove() }
        try sandbox.write("sa/token", "t")
        let paths = InClusterConfig.Paths(directory: sandbox.path("sa"))
        let connection = try InClusterConfig(paths: paths, environment: sandbox.environment(Self.service)).load()
        #expect(connection.tls.certificateAuthority == nil)
        #expect(connection.namespace == "default")
        #expect(connection.warnings == ["\(sandbox.path("sa/ca.crt")) does not exist; the system's CAs are trusted instead"])
    }

    @Test func aRotatedTokenIsPickedUpOnceTheRefreshIntervalHasPassed() async throws {
        let sandbox = try ConfigSandbox()
        defer { sandbox.remove() }
        let paths = try Self.serviceAccount(in: sandbox)
        let config = InClusterConfig(
            paths: paths, environment: sandbox.environment(Self.service), tokenRefreshInterval: .seconds(60))
        let authenticator = try config.load().authenticator

        try sandbox.write("sa/token", "token-2\n")
        sandbox.clock.advance(seconds: 59)
        #expect(try await authenticator.credential() == .bearerToken(Secret("token-1")))
        sandbox.clock.advance(seconds: 1)
        #expect(try await authenticator.credential() == .bearerToken(Secret("token-2")))
    }

    @Test func aRejectedTokenIsReReadAtOnce() async throws {
        let sandbox = try ConfigSandbox()
        defer { sandbox.remove() }
        let paths = try Self.serviceAccount(in: sandbox)
        let authenticator = try InClusterConfig(paths: paths, environment: sandbox.environment(Self.service))
            .load().authenticator

        try sandbox.write("sa/token", "token-2\n")
        let rejected = try await authenticator.credential()
        #expect(rejected == .bearerToken(Secret("token-1")))
        await authenticator.credentialRejected(rejected)
        #expect(try await authenticator.credential() == .bearerToken(Secret("token-2")))
    }

    @Test func aStaleRejectionDoesNotDropANewerToken() async throws {
        let sandbox = try ConfigSandbox()
        defer { sandbox.remove() }
        try sandbox.write("token", "new")
        let source = TokenFileSource(
            path: sandbox.path("token"), environment: sandbox.environment(), initialToken: Secret("new"))
        try sandbox.write("token", "newer")
        await source.invalidate(ifStill: Secret("old"))
        #expect(try await source.token() == Secret("new"))
    }

    @Test func aTokenFileThatVanishesKeepsTheLastTokenItRead() async throws {
        let sandbox = try ConfigSandbox()
        defer { sandbox.remove() }
        try sandbox.write("token", "kept\n")
        let source = TokenFileSource(path: sandbox.path("token"), environment: sandbox.environment())
        #expect(try await source.token() == Secret("kept"))
        try FileManager.default.removeItem(atPath: sandbox.path("token"))
        sandbox.clock.advance(seconds: 3600)
        #expect(try await source.token() == Secret("kept"))
    }

    @Test func anEmptyTokenFileIsAnError() async throws {
        let sandbox = try ConfigSandbox()
        defer { sandbox.remove() }
        try sandbox.write("token", "  \n")
        let source = TokenFileSource(path: sandbox.path("token"), environment: sandbox.environment())
        let error = await #expect(throws: KubeConfigError.self) { try await source.token() }
        #expect(error?.message == "token file \(sandbox.path("token")) is empty")
    }
}
