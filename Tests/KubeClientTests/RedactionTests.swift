import Foundation
import KubeClient
import Testing

/// Secrets never show when configuration values or errors are printed, however they are printed.
@Suite struct RedactionTests {
    static let token = "tok-SENSITIVE-0001"
    static let password = "pw-SENSITIVE-0002"
    static let keyPEM = "-----BEGIN PRIVATE KEY-----\nKEY-SENSITIVE-0003\n-----END PRIVATE KEY-----\n"
    static let pluginSecret = "env-SENSITIVE-0004"
    static let secrets = [token, password, "KEY-SENSITIVE-0003", pluginSecret]

    static let kubeconfig = """
        current-context: token
        clusters:
        - name: c
          cluster: {server: https://api.example.com}
        contexts:
        - {name: token, context: {cluster: c, user: token-user}}
        - {name: basic, context: {cluster: c, user: basic-user}}
        - {name: cert, context: {cluster: c, user: cert-user}}
        - {name: exec, context: {cluster: c, user: exec-user}}
        users:
        - name: token-user
          user: {token: \(token)}
        - name: basic-user
          user: {username: admin, password: \(password)}
        - name: cert-user
          user:
            client-certificate-data: \(Data("CERT".utf8).base64EncodedString())
            client-key-data: \(Data(keyPEM.utf8).base64EncodedString())
        - name: exec-user
          user:
            exec:
              apiVersion: client.authentication.k8s.io/v1beta1
              command: plugin
              env: [{name: PLUGIN_SECRET, value: \(pluginSecret)}]
        """

    /// Every way Swift turns a value into text.
    static func renderings(of value: Any) -> [String] {
        var dumped = ""
        dump(value, to: &dumped)
        return [String(describing: value), String(reflecting: value), "\(value)", dumped]
    }

    static func expectNoSecret(in value: Any, sourceLocation: SourceLocation = #_sourceLocation) {
        for text in renderings(of: value) {
            for secret in secrets {
                #expect(!text.contains(secret), "printed a secret: \(text)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test func printingAKubeconfigShowsNoSecret() throws {
        let config = try Kubeconfig(parsing: Self.kubeconfig)
        Self.expectNoSecret(in: config)
        for user in config.users.values { Self.expectNoSecret(in: user) }
        #expect(String(describing: config.users["token-user"]!.token!) == "<redacted>")
    }

    @Test func printingAConnectionAndItsCredentialShowsNoSecret() async throws {
        let config = try Kubeconfig(parsing: Self.kubeconfig)
        for context in ["token", "basic", "cert", "exec"] {
            let connection = try config.connection(
                context: context, environment: ConfigEnvironment(variables: [:], files: .inMemory([:])))
            Self.expectNoSecret(in: connection)
            Self.expectNoSecret(in: connection.authenticator)
            if context != "exec" { Self.expectNoSecret(in: try await connection.authenticator.credential()) }
        }
        let token = try config.connection(environment: ConfigEnvironment(variables: [:], files: .inMemory([:])))
        #expect(token.description == "server https://api.example.com, context token, namespace default, TLS system CAs, authentication bearer token <redacted>")
    }

    @Test func printingAnExecCredentialShowsNoSecret() {
        let credential = ExecCredential(
            token: Secret(Self.token),
            clientCertificate: ClientCertificate(certificate: .pem(Array("CERT".utf8)), key: .pem(Secret(Self.keyPEM))),
            expiration: Date(timeIntervalSince1970: 1_894_694_400))
        Self.expectNoSecret(in: credential)
        #expect(credential.description == "bearer token <redacted> expiring 2030-01-15T08:00:00Z")
        Self.expectNoSecret(in: Credential.clientCertificate(credential.clientCertificate!))
    }

    @Test func errorsAboutSecretFieldsDoNotQuoteThem() throws {
        let badKey = "users:\n- name: u\n  user:\n    client-key-data: \(Self.token)!\n"
        let keyError = try #require(throws: KubeConfigError.self) { try Kubeconfig(parsing: badKey) }
        Self.expectNoSecret(in: keyError)

        let wrongType = "users:\n- name: u\n  user:\n    token: [\(Self.token)]\n"
        let typeError = try #require(throws: KubeConfigError.self) { try Kubeconfig(parsing: wrongType) }
        Self.expectNoSecret(in: typeError)

        let both = Self.kubeconfig.replacingOccurrences(
            of: "user: {token: \(Self.token)}", with: "user: {token: \(Self.token), exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: p}}")
        let conflict = try #require(throws: KubeConfigError.self) {
            try Kubeconfig(parsing: both).connection(environment: ConfigEnvironment(variables: [:], files: .inMemory([:])))
        }
        #expect(conflict.code == .conflictingAuthentication)
        Self.expectNoSecret(in: conflict)
    }

    @Test func anExecPluginErrorDoesNotShowItsEnvironment() async throws {
        let sandbox = try ConfigSandbox()
        defer { sandbox.remove() }
        let plugin = try sandbox.script("bin/plugin", "echo \"$PLUGIN_SECRET\"; exit 1")
        let config = ExecConfig(
            apiVersion: .v1beta1, command: plugin, env: [.init(name: "PLUGIN_SECRET", value: Secret(Self.pluginSecret))])
        let provider = ExecCredentialProvider(config: config, environment: sandbox.environment())
        let error = try #require(await #expect(throws: KubeConfigError.self) { try await provider.credential() })
        Self.expectNoSecret(in: error)
        Self.expectNoSecret(in: config)
    }
}
