import Foundation
import KubeClient
import KubeObjects
import Testing

/// Reading one kubeconfig file: every field Flotilla uses, relative paths, and the errors a user
/// sees for a malformed file.
@Suite struct KubeconfigParsingTests {
    static let full = """
        apiVersion: v1
        kind: Config
        preferences:
          colors: true
        current-context: dev
        clusters:
        - name: dev-cluster
          cluster:
            server: https://dev.example.com:6443
            certificate-authority: certs/ca.crt
            tls-server-name: api.dev.internal
            proxy-url: http://proxy.example.com:3128
        - name: lab
          cluster:
            server: https://10.0.0.1
            certificate-authority-data: \(Data("CA PEM".utf8).base64EncodedString())
        - name: kind
          cluster:
            server: http://127.0.0.1:8080
            insecure-skip-tls-verify: true
        users:
        - name: alice
          user:
            client-certificate: alice.crt
            client-key: /etc/keys/alice.key
        - name: bob
          user:
            client-certificate-data: \(Data("CERT PEM".utf8).base64EncodedString())
            client-key-data: \(Data("KEY PEM".utf8).base64EncodedString())
        - name: carol
          user:
            token: carol-token
            tokenFile: tokens/carol
        - name: eks
          user:
            exec:
              apiVersion: client.authentication.k8s.io/v1beta1
              command: aws
              args: [eks, get-token, --cluster-name, prod]
              env:
              - name: AWS_PROFILE
                value: prod
              installHint: install the AWS CLI
              provideClusterInfo: true
        - name: local-plugin
          user:
            exec:
              apiVersion: client.authentication.k8s.io/v1
              command: ./bin/plugin
              interactiveMode: Never
        contexts:
        - name: dev
          context:
            cluster: dev-cluster
            user: alice
            namespace: team-a
        - name: lab
          context:
            cluster: lab
        """

    @Test func everyClusterFieldIsRead() throws {
        let config = try Kubeconfig(parsing: Self.full, file: "/home/ana/.kube/config")
        let dev = try #require(config.clusters["dev-cluster"])
        #expect(dev.server == "https://dev.example.com:6443")
        #expect(dev.certificateAuthority == "/home/ana/.kube/certs/ca.crt")
        #expect(dev.tlsServerName == "api.dev.internal")
        #expect(dev.proxyURL == "http://proxy.example.com:3128")
        #expect(dev.insecureSkipTLSVerify == false)
        #expect(dev.origin == "/home/ana/.kube/config")
        #expect(config.clusters["lab"]?.certificateAuthorityData == Array("CA PEM".utf8))
        #expect(config.clusters["kind"]?.insecureSkipTLSVerify == true)
        #expect(config.currentContext == "dev")
    }

    @Test func everyUserFieldIsReadAndRelativePathsResolveAgainstTheKubeconfigDirectory() throws {
        let config = try Kubeconfig(parsing: Self.full, file: "/home/ana/.kube/config")
        #expect(config.users["alice"]?.clientCertificate == "/home/ana/.kube/alice.crt")
        #expect(config.users["alice"]?.clientKey == "/etc/keys/alice.key")
        #expect(config.users["bob"]?.clientCertificateData == Array("CERT PEM".utf8))
        #expect(config.users["bob"]?.clientKeyData == Secret("KEY PEM"))
        #expect(config.users["carol"]?.token == Secret("carol-token"))
        #expect(config.users["carol"]?.tokenFile == "/home/ana/.kube/tokens/carol")
        #expect(config.users["local-plugin"]?.exec?.command == "/home/ana/.kube/bin/plugin")
    }

    @Test func anExecStanzaKeepsItsCommandArgumentsEnvironmentAndHints() throws {
        let config = try Kubeconfig(parsing: Self.full, file: "/home/ana/.kube/config")
        let exec = try #require(config.users["eks"]?.exec)
        #expect(exec.apiVersion == .v1beta1)
        #expect(exec.command == "aws")
        #expect(exec.args == ["eks", "get-token", "--cluster-name", "prod"])
        #expect(exec.env == [ExecConfig.Variable(name: "AWS_PROFILE", value: Secret("prod"))])
        #expect(exec.installHint == "install the AWS CLI")
        #expect(exec.provideClusterInfo)
        #expect(exec.interactiveMode == .ifAvailable)
        #expect(config.users["local-plugin"]?.exec?.interactiveMode == .never)
    }

    @Test func contextsKeepTheirClusterUserAndNamespace() throws {
        let config = try Kubeconfig(parsing: Self.full, file: "/home/ana/.kube/config")
        #expect(config.contexts["dev"] == Kubeconfig.Context(
            cluster: "dev-cluster", user: "alice", namespace: "team-a", origin: "/home/ana/.kube/config"))
        #expect(config.contexts["lab"]?.user == nil)
        #expect(config.contexts["lab"]?.namespace == nil)
    }

    @Test func aKubeconfigWithoutApiVersionAndKindIsReadAsAConfig() throws {
        let config = try Kubeconfig(parsing: "clusters:\n- name: a\n  cluster:\n    server: https://a\n")
        #expect(config.clusters["a"]?.server == "https://a")
    }

    @Test func anEmptyFileIsAnEmptyKubeconfig() throws {
        #expect(try Kubeconfig(parsing: "").isEmpty)
        #expect(try Kubeconfig(parsing: "# nothing here\n").isEmpty)
    }

    @Test func aJSONKubeconfigIsReadToo() throws {
        let json = #"{"apiVersion":"v1","kind":"Config","current-context":"x","contexts":[{"name":"x","context":{"cluster":"c"}}]}"#
        #expect(try Kubeconfig(parsing: json).contexts["x"]?.cluster == "c")
    }

    @Test func aYAMLSyntaxErrorNamesTheFileLineAndColumn() throws {
        let text = "clusters:\n- name: a\n  cluster: {server: https://a\n"
        let error = try #require(throws: KubeConfigError.self) {
            try Kubeconfig(parsing: text, file: "/tmp/broken.yaml")
        }
        #expect(error.code == .invalidSyntax)
        #expect(error.file == "/tmp/broken.yaml")
        #expect(error.line == 4)
        #expect(error.column != nil)
        #expect(error.description.hasPrefix("/tmp/broken.yaml:4:"))
    }

    @Test func badBase64IsReportedWithTheFieldPathAndWithoutTheValue() throws {
        let text = "users:\n- name: a\n  user:\n    client-key-data: not*base64!\n"
        let error = try #require(throws: KubeConfigError.self) { try Kubeconfig(parsing: text, file: "kc") }
        #expect(error.code == .invalidField)
        #expect(error.field == "users[0].user.client-key-data")
        #expect(error.description == "kc: users[0].user.client-key-data: is not valid base64; it must hold the base64 encoding of a PEM file")
        #expect(!error.description.contains("not*base64!"))
    }

    @Test func aFieldOfTheWrongTypeIsAnError() throws {
        let text = "clusters:\n- name: a\n  cluster:\n    server: https://a\n    insecure-skip-tls-verify: [yes]\n"
        let error = try #require(throws: KubeConfigError.self) { try Kubeconfig(parsing: text) }
        #expect(error.field == "clusters[0].cluster.insecure-skip-tls-verify")
        #expect(error.message == "expected a boolean, got an array")
    }

    @Test func aNameUsedTwiceInOneFileIsAnError() throws {
        let text = "contexts:\n- name: a\n  context: {cluster: x}\n- name: a\n  context: {cluster: y}\n"
        let error = try #require(throws: KubeConfigError.self) { try Kubeconfig(parsing: text) }
        #expect(error.field == "contexts[1].name")
        #expect(error.message == "the name \"a\" is used twice in contexts")
    }

    @Test func anotherKindOfObjectIsNotAKubeconfig() throws {
        let error = try #require(throws: KubeConfigError.self) {
            try Kubeconfig(parsing: "apiVersion: v1\nkind: Pod\n")
        }
        #expect(error.message == "a kubeconfig has kind Config, not \"Pod\"")
    }

    @Test func aV1ExecPluginMustStateItsInteractiveMode() throws {
        let text = """
            users:
            - name: a
              user:
                exec:
                  apiVersion: client.authentication.k8s.io/v1
                  command: plugin
            """
        let error = try #require(throws: KubeConfigError.self) { try Kubeconfig(parsing: text) }
        #expect(error.field == "users[0].user.exec.interactiveMode")
    }

    @Test func anExecPluginOfAnUnknownApiVersionIsRefused() throws {
        let text = """
            users:
            - name: a
              user:
                exec:
                  apiVersion: client.authentication.k8s.io/v1alpha1
                  command: plugin
            """
        let error = try #require(throws: KubeConfigError.self) { try Kubeconfig(parsing: text) }
        #expect(error.message.contains("unsupported exec plugin apiVersion \"client.authentication.k8s.io/v1alpha1\""))
    }

    @Test func aBareCommandNameIsLeftForPATHLookup() throws {
        let text = """
            users:
            - name: a
              user:
                exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: kubelogin}
            """
        let config = try Kubeconfig(parsing: text, file: "/home/ana/.kube/config")
        #expect(config.users["a"]?.exec?.command == "kubelogin")
    }
}
