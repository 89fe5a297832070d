import Foundation
import KubeClient
import Testing

/// kubectl's loading rules: which files are read, how `$KUBECONFIG` files merge, and `--context`.
@Suite struct KubeconfigLoaderTests {
    /// The first of two KUBECONFIG files: sets current-context, a cluster and a user both files name.
    static let first = """
        apiVersion: v1
        kind: Config
        current-context: first
        clusters:
        - name: shared
          cluster:
            server: https://first.example.com
        contexts:
        - name: first
          context: {cluster: shared, user: shared-user, namespace: from-first}
        users:
        - name: shared-user
          user:
            token: first-token
        """

    /// The second file: a different current-context, the same cluster and user names with other
    /// values (and a field the first left out), plus entries only it has.
    static let second = """
        apiVersion: v1
        kind: Config
        current-context: second
        clusters:
        - name: shared
          cluster:
            server: https://second.example.com
            certificate-authority: ca.crt
        - name: only-second
          cluster:
            server: https://only-second.example.com
        contexts:
        - name: second
          context: {cluster: only-second, user: second-user}
        users:
        - name: shared-user
          user:
            token: second-token
        - name: second-user
          user:
            tokenFile: token
        """

    @Test func kubeconfigFilesMergeWithTheFirstFileWinningEachName() throws {
        let sandbox = try ConfigSandbox()
        defer { sandbox.remove() }
        let a = try sandbox.write("a/config", Self.first)
        let b = try sandbox.write("b/config", Self.second)
        let loader = KubeconfigLoader(environment: sandbox.environment(["KUBECONFIG": "\(a):\(b)"]))
        let config = try loader.loadKubeconfig()

        #expect(config.currentContext == "first")
        #expect(config.clusters["shared"]?.server == "https://first.example.com")
        // The second file's entry is dropped whole, even the field the first one left out.
        #expect(config.clusters["shared"]?.certificateAuthority == nil)
        #expect(config.users["shared-user"]?.token == Secret("first-token"))
        #expect(config.clusters["only-second"]?.server == "https://only-second.example.com")
        #expect(config.users["second-user"]?.tokenFile == sandbox.path("b/token"))
        #expect(Set(config.contexts.keys) == ["first", "second"])
    }

    @Test func swappingTheOrderOfKubeconfigFilesSwapsWhichOneWins() throws {
        let sandbox = try ConfigSandbox()
        defer { sandbox.remove() }
        let a = try sandbox.write("a/config", Self.first)
        let b = try sandbox.write("b/config", Self.second)
        try sandbox.write("b/ca.crt", "CA")
        let loader = KubeconfigLoader(environment: sandbox.environment(["KUBECONFIG": "\(b):\(a)"]))
        let config = try loader.loadKubeconfig()
        #expect(config.currentContext == "second")
        #expect(config.clusters["shared"]?.server == "https://second.example.com")
        #expect(config.clusters["shared"]?.certificateAuthority == sandbox.path("b/ca.crt"))
    }

    @Test func emptyEntriesAndMissingFilesInKubeconfigAreSkipped() throws {
        let sandbox = try ConfigSandbox()
        defer { sandbox.remove() }
        let b = try sandbox.write("b/config", Self.second)
        let list = "::\(sandbox.path("missing")):\(b):"
        let loader = KubeconfigLoader(environment: sandbox.environment(["KUBECONFIG": list]))
        #expect(loader.candidateFiles == [sandbox.path("missing"), b])
        #expect(try loader.loadKubeconfig().currentContext == "second")
    }

    @Test func theKubeconfigFlagWinsOverKubeconfigVariableAndHome() throws {
        let sandbox = try ConfigSandbox()
        defer { sandbox.remove() }
        let a = try sandbox.write("a/config", Self.first)
        let b = try sandbox.write("b/config", Self.second)
        try sandbox.write("home/.kube/config", Self.first)
        let loader = KubeconfigLoader(
            explicitPath: b, environment: sandbox.environment(["KUBECONFIG": a], home: sandbox.path("home")))
        #expect(loader.candidateFiles == [b])
        let config = try loader.loadKubeconfig()
        #expect(config.currentContext == "second")
        #expect(config.contexts["first"] == nil)
    }

    @Test func withoutFlagOrVariableTheHomeKubeconfigIsUsed() throws {
        let sandbox = try ConfigSandbox()
        defer { sandbox.remove() }
        let home = try sandbox.write("home/.kube/config", Self.first)
        let loader = KubeconfigLoader(environment: sandbox.environment(["HOME": sandbox.path("home")]))
        #expect(loader.candidateFiles == [home])
        #expect(try loader.loadKubeconfig().currentContext == "first")
    }

    @Test func theContextFlagReplacesTheCurrentContext() async throws {
        let sandbox = try ConfigSandbox()
        defer { sandbox.remove() }
        let a = try sandbox.write("a/config", Self.first)
        let b = try sandbox.write("b/config", Self.second)
        try sandbox.write("b/token", "second-user-token\n")
        let environment = sandbox.environment(["KUBECONFIG": "\(a):\(b)"])

        let current = try KubeconfigLoader(environment: environment).load()
        #expect(current.contextName == "first")
        #expect(current.server.description == "https://first.example.com")
        #expect(current.namespace == "from-first")

        let chosen = try KubeconfigLoader(context: "second", environment: environment).load()
        #expect(chosen.contextName == "second")
        #expect(chosen.server.description == "https://only-second.example.com")
        #expect(chosen.namespace == "default")
        #expect(try await chosen.authenticator.credential() == .bearerToken(Secret("second-user-token")))
    }

    @Test func findingNoKubeconfigSaysWhereItLooked() throws {
        let sandbox = try ConfigSandbox()
        defer { sandbox.remove() }
        let loader = KubeconfigLoader(environment: sandbox.environment(home: sandbox.path("home")))
        let error = try #require(throws: KubeConfigError.self) { try loader.load() }
        #expect(error.code == .noConfiguration)
        #expect(error.message == "no kubeconfig found: looked in \(sandbox.path("home"))/.kube/config; set KUBECONFIG or pass --kubeconfig")
    }

    @Test func aKubeconfigVariableNamingOnlyMissingFilesFindsNothing() throws {
        let sandbox = try ConfigSandbox()
        defer { sandbox.remove() }
        let home = try sandbox.write("home/.kube/config", Self.first)
        let loader = KubeconfigLoader(
            environment: sandbox.environment(["KUBECONFIG": sandbox.path("nope")], home: (home as NSString).deletingLastPathComponent))
        let error = try #require(throws: KubeConfigError.self) { try loader.loadKubeconfig() }
        #expect(error.code == .noConfiguration)
        #expect(error.message == "no kubeconfig found: looked in KUBECONFIG: \(sandbox.path("nope"))")
    }

    @Test func aMissingFileGivenWithTheFlagIsAnError() throws {
        let sandbox = try ConfigSandbox()
        defer { sandbox.remove() }
        let loader = KubeconfigLoader(explicitPath: sandbox.path("nope"), environment: sandbox.environment())
        let error = try #require(throws: KubeConfigError.self) { try loader.loadKubeconfig() }
        #expect(error.description == "\(sandbox.path("nope")): the kubeconfig file given with --kubeconfig does not exist")
    }

    @Test func aKubeconfigThatCannotBeReadIsAnErrorNamingTheFile() throws {
        let sandbox = try ConfigSandbox()
        defer { sandbox.remove() }
        let b = try sandbox.write("b/config", Self.second)
        // A directory exists but cannot be read as a file, whoever runs the test (root included).
        try FileManager.default.createDirectory(atPath: sandbox.path("dir"), withIntermediateDirectories: true)
        let loader = KubeconfigLoader(environment: sandbox.environment(["KUBECONFIG": "\(b):\(sandbox.path("dir"))"]))
        let error = try #require(throws: KubeConfigError.self) { try loader.loadKubeconfig() }
        #expect(error.code == .unreadableFile)
        #expect(error.file == sandbox.path("dir"))
        #expect(error.message.hasPrefix("cannot read the kubeconfig: "))
    }

    @Test func aKubeconfigThatCannotBeParsedStopsLoadingWithItsPosition() throws {
        let sandbox = try ConfigSandbox()
        defer { sandbox.remove() }
        let a = try sandbox.write("a/config", Self.first)
        let bad = try sandbox.write("bad/config", "clusters:\n  - name: x\n   cluster: {}\n")
        let loader = KubeconfigLoader(environment: sandbox.environment(["KUBECONFIG": "\(a):\(bad)"]))
        let error = try #require(throws: KubeConfigError.self) { try loader.loadKubeconfig() }
        #expect(error.code == .invalidSyntax)
        #expect(error.file == bad)
        #expect(error.line == 3)
    }

    @Test func filesAreReadThroughTheInjectedFileAccess() throws {
        let files = FileAccess.inMemory(["/virtual/home/.kube/config": Self.first])
        let environment = ConfigEnvironment(variables: [:], homeDirectory: "/virtual/home", files: files)
        let connection = try KubeconfigLoader(environment: environment).load()
        #expect(connection.server.host == "first.example.com")
    }
}
