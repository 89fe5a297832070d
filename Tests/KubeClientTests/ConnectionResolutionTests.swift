import Foundation
import KubeClient
import Testing

/// Turning a context into a `ClusterConnection`: what each kind of user becomes, and the errors
/// for contexts, clusters and users that are missing or cannot be used.
@Suite struct ConnectionResolutionTests {
    /// A kubeconfig with one cluster and one context whose user is `user`.
    static func config(user: String, cluster: String = "server: https://api.example.com:6443") -> String {
        """
        current-context: main
        clusters:
        - name: main
          cluster:
            \(cluster)
        contexts:
        - name: main
          context: {cluster: main, user: me}
        users:
        - name: me
          user:
            \(user)
        """
    }

    static func connect(_ text: String, context: String? = nil) throws -> ClusterConnection {
        try Kubeconfig(parsing: text, file: "/cfg/config").connection(
            context: context, environment: ConfigEnvironment(variables: [:], files: .inMemory([:])))
    }

    @Test func aStaticTokenBecomesABearerTokenAuthenticator() async throws {
        let connection = try Self.connect(Self.config(user: "token: abc123"))
        #expect(try await connection.authenticator.credential() == .bearerToken(Secret("abc123")))
        #expect(connection.server == ServerURL(scheme: .https, host: "api.example.com", port: 6443))
        #expect(connection.tls == TLSSettings())
    }

    @Test func aTokenWinsOverATokenFileAsInKubectl() async throws {
        let connection = try Self.connect(Self.config(user: "{token: inline, tokenFile: /nowhere/token}"))
        #expect(try await connection.authenticator.credential() == .bearerToken(Secret("inline")))
    }

    @Test func aTokenFileIsReadAndReportedByPath() async throws {
        let files = FileAccess.inMemory(["/cfg/tokens/me": "from-file\n"])
        let connection = try Kubeconfig(parsing: Self.config(user: "tokenFile: tokens/me"), file: "/cfg/config")
            .connection(environment: ConfigEnvironment(variables: [:], files: files))
        #expect(try await connection.authenticator.credential() == .bearerToken(Secret("from-file")))
        #expect(connection.authenticator.description == "bearer token from /cfg/tokens/me")
    }

    @Test func inlineClientCertificateDataBecomesAClientCertificateAuthenticator() async throws {
        let cert = Data("CERT".utf8).base64EncodedString()
        let key = Data("KEY".utf8).base64EncodedString()
        let connection = try Self.connect(Self.config(user: "{client-certificate-data: \(cert), client-key-data: \(key)}"))
        let expected = ClientCertificate(certificate: .pem(Array("CERT".utf8)), key: .pem(Secret("KEY")))
        #expect(try await connection.authenticator.credential() == .clientCertificate(expected))
    }

    @Test func certificateFilesAreCheckedAndKeptAsPathsRelativeToTheKubeconfig() async throws {
        let text = Self.config(
            user: "{client-certificate: me.crt, client-key: me.key}",
            cluster: "{server: https://api.example.com, certificate-authority: ca.crt, tls-server-name: api.internal}")
        let files = FileAccess.inMemory(["/cfg/me.crt": "C", "/cfg/me.key": "K", "/cfg/ca.crt": "CA"])
        let connection = try Kubeconfig(parsing: text, file: "/cfg/config").connection(
            environment: ConfigEnvironment(variables: [:], files: files))
        #expect(connection.tls == TLSSettings(certificateAuthority: .file("/cfg/ca.crt"), serverName: "api.internal"))
        let expected = ClientCertificate(certificate: .file("/cfg/me.crt"), key: .file("/cfg/me.key"))
        #expect(try await connection.authenticator.credential() == .clientCertificate(expected))
    }

    @Test func aMissingCertificateAuthorityFileIsReportedWithItsField() throws {
        let text = Self.config(user: "{}", cluster: "{server: https://a, certificate-authority: ca.crt}")
        let error = try #require(throws: KubeConfigError.self) { try Self.connect(text) }
        #expect(error.code == .unreadableFile)
        #expect(error.description == "/cfg/config: certificate-authority: certificate authority file /cfg/ca.crt does not exist")
    }

    @Test func aContextWithoutAUserConnectsAnonymously() async throws {
        let text = "current-context: c\nclusters: [{name: k, cluster: {server: 'http://127.0.0.1:8080'}}]\ncontexts: [{name: c, context: {cluster: k}}]\n"
        let connection = try Self.connect(text)
        #expect(try await connection.authenticator.credential() == .none)
        #expect(connection.server.scheme == .http)
    }

    @Test func aContextThatDoesNotExistIsAnErrorListingTheOnesThatDo() throws {
        let error = try #require(throws: KubeConfigError.self) {
            try Self.connect(Self.config(user: "token: t"), context: "prod")
        }
        #expect(error.code == .contextNotFound)
        #expect(error.message == "context \"prod\" (from --context) is not in the kubeconfig; it has: main")
    }

    @Test func aKubeconfigWithoutCurrentContextAsksForTheContextFlag() throws {
        let text = Self.config(user: "token: t").replacingOccurrences(of: "current-context: main\n", with: "")
        let error = try #require(throws: KubeConfigError.self) { try Self.connect(text) }
        #expect(error.code == .contextNotFound)
        #expect(error.message.contains("pass --context"))
    }

    @Test func aContextNamingAMissingUserIsAnError() throws {
        let text = Self.config(user: "token: t").replacingOccurrences(of: "user: me}", with: "user: you}")
        let error = try #require(throws: KubeConfigError.self) { try Self.connect(text) }
        #expect(error.code == .userNotFound)
        #expect(error.description == "/cfg/config: user \"you\" of context \"main\" is not in the kubeconfig; it has: me")
    }

    @Test func aContextNamingAMissingClusterIsAnError() throws {
        let text = Self.config(user: "token: t").replacingOccurrences(of: "{cluster: main", with: "{cluster: gone")
        let error = try #require(throws: KubeConfigError.self) { try Self.connect(text) }
        #expect(error.code == .clusterNotFound)
        #expect(error.message == "cluster \"gone\" of context \"main\" is not in the kubeconfig; it has: main")
    }

    @Test func anAuthProviderIsRefusedWithAdviceToUseAnExecPlugin() throws {
        let text = Self.config(user: "auth-provider: {name: gcp, config: {access-token: ya29.secret}}")
        let error = try #require(throws: KubeConfigError.self) { try Self.connect(text) }
        #expect(error.code == .unsupportedAuthentication)
        #expect(error.field == "auth-provider")
        #expect(error.message.hasPrefix("user \"me\" uses auth-provider \"gcp\", which is not supported: use an exec credential plugin"))
        #expect(!error.description.contains("ya29.secret"))
    }

    @Test func basicAuthenticationIsIgnoredWithAWarning() async throws {
        let connection = try Self.connect(Self.config(user: "{username: admin, password: hunter2}"))
        #expect(try await connection.authenticator.credential() == .none)
        #expect(connection.warnings == [
            "user \"me\" sets username/password; basic authentication is not supported and is ignored"
        ])
    }

    @Test func aUserWithTwoWaysToAuthenticateIsRefused() throws {
        let key = Data("KEY".utf8).base64EncodedString()
        let text = Self.config(user: "{token: t, client-certificate: c.crt, client-key-data: \(key)}")
        let error = try #require(throws: KubeConfigError.self) { try Self.connect(text) }
        #expect(error.code == .conflictingAuthentication)
        #expect(error.message == "user \"me\" sets more than one way to authenticate (token, client certificate); keep one")
    }

    @Test func aClientCertificateWithoutAKeyIsRefused() throws {
        let cert = Data("CERT".utf8).base64EncodedString()
        let error = try #require(throws: KubeConfigError.self) {
            try Self.connect(Self.config(user: "client-certificate-data: \(cert)"))
        }
        #expect(error.message == "user \"me\" has a client certificate but no client-key or client-key-data")
    }

    @Test func insecureSkipVerifyTogetherWithACertificateAuthorityIsRefused() throws {
        let ca = Data("CA".utf8).base64EncodedString()
        let text = Self.config(
            user: "token: t", cluster: "{server: https://a, insecure-skip-tls-verify: true, certificate-authority-data: \(ca)}")
        let error = try #require(throws: KubeConfigError.self) { try Self.connect(text) }
        #expect(error.field == "insecure-skip-tls-verify")
    }

    @Test func aServerThatIsNotAnHTTPURLIsReportedWithTheCluster() throws {
        let error = try #require(throws: KubeConfigError.self) {
            try Self.connect(Self.config(user: "token: t", cluster: "server: ftp://api.example.com"))
        }
        #expect(error.code == .invalidServer)
        #expect(error.description == "/cfg/config: server: cluster \"main\": server \"ftp://api.example.com\" must start with https:// or http://")
    }
}
