/// A user's `exec` stanza: a command that prints a credential (client-go's credential plugins,
/// such as `aws eks get-token`, `gke-gcloud-auth-plugin` or `kubelogin`).
public struct ExecConfig: Sendable, Equatable {
    /// The `client.authentication.k8s.io` version the plugin speaks. The plugin must answer in
    /// the version it was asked in.
    public enum APIVersion: String, Sendable, CaseIterable {
        case v1 = "client.authentication.k8s.io/v1"
        case v1beta1 = "client.authentication.k8s.io/v1beta1"
    }

    /// Whether the plugin may prompt on standard input. Flotilla never gives a plugin a terminal,
    /// so a plugin that is `always` interactive cannot be used.
    public enum InteractiveMode: String, Sendable, CaseIterable {
        case never = "Never"
        case ifAvailable = "IfAvailable"
        case always = "Always"
    }

    /// One `env` entry. The value is a `Secret` because plugins are often handed credentials
    /// this way (`AWS_SECRET_ACCESS_KEY`).
    public struct Variable: Sendable, Equatable {
        public var name: String
        public var value: Secret

        public init(name: String, value: Secret) {
            self.name = name
            self.value = value
        }
    }

    public var apiVersion: APIVersion
    /// The command as written, or resolved against the kubeconfig's directory when it is a
    /// relative path with a slash (`./bin/plugin`); a bare name is looked up in `PATH` when run.
    public var command: String
    public var args: [String]
    public var env: [Variable]
    /// Shown when the command cannot be found, to tell the user what to install.
    public var installHint: String?
    /// Whether the plugin receives the cluster's server and CA in `spec.cluster`.
    public var provideClusterInfo: Bool
    public var interactiveMode: InteractiveMode

    public init(
        apiVersion: APIVersion, command: String, args: [String] = [], env: [Variable] = [],
        installHint: String? = nil, provideClusterInfo: Bool = false, interactiveMode: InteractiveMode = .ifAvailable
    ) {
        self.apiVersion = apiVersion
        self.command = command
        self.args = args
        self.env = env
        self.installHint = installHint
        self.provideClusterInfo = provideClusterInfo
        self.interactiveMode = interactiveMode
    }
}

extension ExecConfig {
    /// Reads an `exec` stanza, checking what client-go's validation checks: a command, a known
    /// `apiVersion`, named `env` entries, and, for `v1`, an explicit `interactiveMode` (`v1beta1`
    /// defaults it to `IfAvailable`).
    static func read(_ field: ConfigField, baseDirectory: String?) throws(KubeConfigError) -> ExecConfig {
        guard let versionText = try field.field("apiVersion").nonEmptyString() else {
            throw field.field("apiVersion").error("an exec plugin needs an apiVersion, such as \(APIVersion.v1.rawValue)")
        }
        guard let apiVersion = APIVersion(rawValue: versionText) else {
            let known = APIVersion.allCases.map(\.rawValue).joined(separator: " or ")
            throw field.field("apiVersion").error("unsupported exec plugin apiVersion \"\(versionText)\": use \(known)")
        }
        guard let command = try field.field("command").nonEmptyString() else {
            throw field.field("command").error("an exec plugin needs a command")
        }
        var variables: [Variable] = []
        for entry in try field.field("env").array() ?? [] {
            guard let name = try entry.field("name").nonEmptyString() else {
                throw entry.field("name").error("an exec plugin environment variable needs a name")
            }
            variables.append(Variable(name: name, value: Secret(try entry.field("value").string() ?? "")))
        }
        let modeField = field.field("interactiveMode")
        let interactiveMode: InteractiveMode
        if let modeText = try modeField.nonEmptyString() {
            guard let mode = InteractiveMode(rawValue: modeText) else {
                let known = InteractiveMode.allCases.map(\.rawValue).joined(separator: ", ")
                throw modeField.error("unsupported interactiveMode \"\(modeText)\": must be one of \(known)")
            }
            interactiveMode = mode
        } else if apiVersion == .v1 {
            throw modeField.error(
                "an exec plugin of apiVersion \(apiVersion.rawValue) needs an interactiveMode (Never, IfAvailable or Always)")
        } else {
            interactiveMode = .ifAvailable
        }
        return ExecConfig(
            apiVersion: apiVersion,
            command: command.contains("/") ? ConfigPath.resolve(command, against: baseDirectory) : command,
            args: try field.field("args").strings() ?? [],
            env: variables,
            installHint: try field.field("installHint").nonEmptyString(),
            provideClusterInfo: try field.field("provideClusterInfo").bool() ?? false,
            interactiveMode: interactiveMode)
    }
}
