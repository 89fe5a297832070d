import Foundation
import KubeClient
import KubeObjects
import Testing

/// Exec credential plugins, run for real: small `#!/bin/sh` scripts in a temporary directory that
/// answer with an ExecCredential, fail, or are missing. Time is the sandbox's manual clock.
@Suite struct ExecCredentialTests {
    /// A plugin that counts its runs in `$1/runs`, saves its request to `$1/request.json`, and
    /// answers with the token `$TOKEN_PREFIX-<run number>` and the expiry written in `$1/expiry`
    /// (none when that file is absent).
    static let countingPlugin = #"""
        echo run >> "$1/runs"
        n=$(wc -l < "$1/runs" | tr -d ' ')
        printf '%s' "$KUBERNETES_EXEC_INFO" > "$1/request.json"
        expiry=""
        if [ -f "$1/expiry" ]; then expiry=",\"expirationTimestamp\":\"$(cat "$1/expiry")\""; fi
        printf '{"apiVersion":"%s","kind":"ExecCredential","status":{"token":"%s-%s"%s}}\n' \
          "$API_VERSION" "$TOKEN_PREFIX" "$n" "$expiry"
        """#

    /// A provider for the counting plugin, asked in `version`.
    static func countingProvider(
        _ sandbox: ConfigSandbox, version: ExecConfig.APIVersion = .v1, answer: ExecConfig.APIVersion? = nil
    ) throws -> ExecCredentialProvider {
        let plugin = try sandbox.script("bin/counting-plugin", countingPlugin)
        let config = ExecConfig(
            apiVersion: version, command: plugin, args: [sandbox.directory],
            env: [
                .init(name: "TOKEN_PREFIX", value: Secret("tok")),
                .init(name: "API_VERSION", value: Secret((answer ?? version).rawValue)),
            ],
            interactiveMode: .never)
        return ExecCredentialProvider(config: config, environment: sandbox.environment())
    }

    @Test func aTokenPrintedByThePluginBecomesTheBearerToken() async throws {
        let sandbox = try ConfigSandbox()
        defer { sandbox.remove() }
        let provider = try Self.countingProvider(sandbox)
        let credential = try await provider.credential()
        #expect(credential.token == Secret("tok-1"))
        #expect(credential.expiration == nil)
        #expect(try await Authenticator.exec(provider).credential() == .bearerToken(Secret("tok-1")))
    }

    @Test func thePluginIsAskedNonInteractivelyInTheConfiguredApiVersion() async throws {
        let sandbox = try ConfigSandbox()
        defer { sandbox.remove() }
        _ = try await Self.countingProvider(sandbox, version: .v1beta1).credential()
        let request = try JSONValue(parsing: String(contentsOfFile: sandbox.path("request.json"), encoding: .utf8))
        #expect(request == [
            "apiVersion": "client.authentication.k8s.io/v1beta1", "kind": "ExecCredential",
            "spec": ["interactive": false],
        ])
    }

    @Test func aCredentialIsReusedUntilShortlyBeforeItExpires() async throws {
        let sandbox = try ConfigSandbox()
        defer { sandbox.remove() }
        let provider = try Self.countingProvider(sandbox)
        try sandbox.write("expiry", sandbox.clock.now.addingTimeInterval(600).rfc3339)

        #expect(try await provider.credential().token == Secret("tok-1"))
        sandbox.clock.advance(seconds: 500)
        #expect(try await provider.credential().token == Secret("tok-1"))
        #expect(sandbox.lineCount("runs") == 1)

        // Within the 10-second skew before expiry, the plugin runs again.
        try sandbox.write("expiry", sandbox.clock.now.addingTimeInterval(3600).rfc3339)
        sandbox.clock.advance(seconds: 91)
        #expect(try await provider.credential().token == Secret("tok-2"))
        #expect(sandbox.lineCount("runs") == 2)
    }

    @Test func theExpirationTimestampIsRead() async throws {
        let sandbox = try ConfigSandbox()
        defer { sandbox.remove() }
        let provider = try Self.countingProvider(sandbox)
        try sandbox.write("expiry", "2030-01-15T08:00:00Z")
        let credential = try await provider.credential()
        #expect(credential.expiration == Date(timeIntervalSince1970: 1_894_694_400))
    }

    @Test func aRejectedTokenMakesTheNextRequestRunThePluginAgain() async throws {
        let sandbox = try ConfigSandbox()
        defer { sandbox.remove() }
        let authenticator = Authenticator.exec(try Self.countingProvider(sandbox))
        let first = try await authenticator.credential()
        // Without an expirationTimestamp, a credential lasts until the server rejects it.
        sandbox.clock.advance(seconds: 86_400)
        #expect(try await authenticator.credential() == first)
        #expect(sandbox.lineCount("runs") == 1)

        await authenticator.credentialRejected(first)
        let second = try await authenticator.credential()
        #expect(second == .bearerToken(Secret("tok-2")))

        // A late 401 for the first token must not throw away the second.
        await authenticator.credentialRejected(first)
        #expect(try await authenticator.credential() == second)
        #expect(sandbox.lineCount("runs") == 2)
    }

    @Test func requestsThatArriveTogetherShareOneRunOfThePlugin() async throws {
        let sandbox = try ConfigSandbox()
        defer { sandbox.remove() }
        let provider = try Self.countingProvider(sandbox)
        let tokens = try await withThrowingTaskGroup(of: Secret?.self) { group in
            for _ in 0..<8 { group.addTask { try await provider.credential().token } }
            return try await group.reduce(into: Set<Secret?>()) { $0.insert($1) }
        }
        #expect(tokens == [Secret("tok-1")])
        #expect(sandbox.lineCount("runs") == 1)
    }

    @Test func aClientCertificateFromThePluginIsUsedForTLS() async throws {
        let sandbox = try ConfigSandbox()
        defer { sandbox.remove() }
        let plugin = try sandbox.script("bin/cert-plugin", #"""
            cat <<'JSON'
            {"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"clientCertificateData":"-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n","clientKeyData":"-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n"}}
            JSON
            """#)
        let provider = ExecCredentialProvider(
            config: ExecConfig(apiVersion: .v1, command: plugin, interactiveMode: .never),
            environment: sandbox.environment())
        let credential = try await Authenticator.exec(provider).credential()
        let expected = ClientCertificate(
            certificate: .pem(Array("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n".utf8)),
            key: .pem(Secret("-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n")))
        #expect(credential == .clientCertificate(expected))
    }

    @Test func aFailingPluginIsReportedWithItsCommandAndItsStandardError() async throws {
        let sandbox = try ConfigSandbox()
        defer { sandbox.remove() }
        let plugin = try sandbox.script("bin/failing-plugin", """
            echo '{"status":{"token":"partial-secret"}}'
            echo '  error: you must log in again (run: sso login)  ' >&2
            exit 3
            """)
        let provider = ExecCredentialProvider(
            config: ExecConfig(apiVersion: .v1, command: plugin, interactiveMode: .never),
            environment: sandbox.environment())
        let error = try #require(await #expect(throws: KubeConfigError.self) { try await provider.credential() })
        #expect(error.code == .execPluginFailed)
        #expect(error.message == "exec plugin \"\(plugin)\" exited with status 3: error: you must log in again (run: sso login)")
        #expect(!error.description.contains("partial-secret"))
    }

    @Test func aMissingPluginShowsTheInstallHint() async throws {
        let sandbox = try ConfigSandbox()
        defer { sandbox.remove() }
        let config = ExecConfig(
            apiVersion: .v1beta1, command: "flotilla-test-missing-plugin",
            installHint: "Install the plugin with: apt-get install flotilla-test-plugin")
        let provider = ExecCredentialProvider(config: config, environment: sandbox.environment())
        let error = try #require(await #expect(throws: KubeConfigError.self) { try await provider.credential() })
        #expect(error.code == .execPluginNotFound)
        #expect(error.message == """
            exec plugin "flotilla-test-missing-plugin" was not found in PATH

            Install the plugin with: apt-get install flotilla-test-plugin
            """)
    }

    @Test func aPluginFoundInPATHIsRun() async throws {
        let sandbox = try ConfigSandbox()
        defer { sandbox.remove() }
        try sandbox.script("bin/path-plugin", """
            echo '{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"from-path"}}'
            """)
        let provider = ExecCredentialProvider(
            config: ExecConfig(apiVersion: .v1beta1, command: "path-plugin"), environment: sandbox.environment())
        #expect(try await provider.credential().token == Secret("from-path"))
    }

    @Test func anAnswerInAnotherApiVersionIsRefused() async throws {
        let sandbox = try ConfigSandbox()
        defer { sandbox.remove() }
        let provider = try Self.countingProvider(sandbox, version: .v1, answer: .v1beta1)
        let error = try #require(await #expect(throws: KubeConfigError.self) { try await provider.credential() })
        #expect(error.code == .execPluginInvalidOutput)
        #expect(error.message.hasSuffix(
            "returned no usable credential: it was asked for client.authentication.k8s.io/v1 but answered with apiVersion \"client.authentication.k8s.io/v1beta1\""))
    }

    @Test func outputThatIsNotJSONIsRefusedWithoutBeingQuoted() async throws {
        let sandbox = try ConfigSandbox()
        defer { sandbox.remove() }
        let plugin = try sandbox.script("bin/text-plugin", "echo 'token=leaked-secret'")
        let provider = ExecCredentialProvider(
            config: ExecConfig(apiVersion: .v1, command: plugin, interactiveMode: .never),
            environment: sandbox.environment())
        let error = try #require(await #expect(throws: KubeConfigError.self) { try await provider.credential() })
        #expect(error.message.contains("its output is not JSON"))
        #expect(!error.description.contains("leaked-secret"))
    }

    @Test func aPluginThatMustBeInteractiveIsRefusedBeforeItRuns() async throws {
        let sandbox = try ConfigSandbox()
        defer { sandbox.remove() }
        let plugin = try sandbox.script("bin/interactive-plugin", #"echo run >> "$0.runs""#)
        let provider = ExecCredentialProvider(
            config: ExecConfig(apiVersion: .v1, command: plugin, interactiveMode: .always),
            environment: sandbox.environment())
        let error = try #require(await #expect(throws: KubeConfigError.self) { try await provider.credential() })
        #expect(error.message.contains("interactiveMode Always"))
        #expect(sandbox.lineCount("bin/interactive-plugin.runs") == 0)
    }

    @Test func aKubeconfigPluginRunsFromItsRelativePathAndReceivesClusterInfo() async throws {
        let sandbox = try ConfigSandbox()
        defer { sandbox.remove() }
        try sandbox.script("kube/plugins/counting-plugin", Self.countingPlugin)
        try sandbox.write("kube/ca.crt", "CA PEM")
        let kubeconfig = try sandbox.write("kube/config", """
            apiVersion: v1
            kind: Config
            current-context: eks
            clusters:
            - name: eks
              cluster:
                server: https://eks.example.com
                certificate-authority: ca.crt
                extensions:
                - name: client.authentication.k8s.io/exec
                  extension: {audience: flotilla}
            contexts:
            - name: eks
              context: {cluster: eks, user: eks}
            users:
            - name: eks
              user:
                exec:
                  apiVersion: client.authentication.k8s.io/v1
                  command: ./plugins/counting-plugin
                  args: ["\(sandbox.directory)"]
                  env:
                  - {name: TOKEN_PREFIX, value: eks}
                  - {name: API_VERSION, value: client.authentication.k8s.io/v1}
                  provideClusterInfo: true
                  interactiveMode: IfAvailable
            """)
        let connection = try KubeconfigLoader(explicitPath: kubeconfig, environment: sandbox.environment()).load()
        #expect(try await connection.authenticator.credential() == .bearerToken(Secret("eks-1")))
        let request = try JSONValue(parsing: String(contentsOfFile: sandbox.path("request.json"), encoding: .utf8))
        #expect(request["spec"] == [
            "interactive": false,
            "cluster": [
                "server": "https://eks.example.com",
                "certificate-authority-data": .string(Data("CA PEM".utf8).base64EncodedString()),
                "config": ["audience": "flotilla"],
            ],
        ])
    }
}
