/// Why Flotilla could not work out how to connect to a cluster: which file, which field, and why.
///
/// Every error of the connection configuration is one of these, so the CLI can print it as
/// `file:line:column: field: message` and a controller can put the same line in an Event.
/// Messages never contain a secret: values of tokens, keys and passwords are never quoted, and
/// an exec plugin's standard output (which carries its token) is never echoed.
public struct KubeConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of failure this is, for callers that react differently to each (for instance,
    /// falling back to in-cluster configuration only on `noConfiguration`).
    ///
    /// A struct over private names rather than an enum, so that new codes break no caller.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        public var description: String { name }

        /// No kubeconfig file was found (and, for the in-cluster loader, no service account).
        public static let noConfiguration = Code("noConfiguration")
        /// A file exists but cannot be read.
        public static let unreadableFile = Code("unreadableFile")
        /// A file is not YAML or JSON.
        public static let invalidSyntax = Code("invalidSyntax")
        /// A field has the wrong type or an invalid value.
        public static let invalidField = Code("invalidField")
        /// The context named by `--context` or `current-context` does not exist, or none is named.
        public static let contextNotFound = Code("contextNotFound")
        /// The context names a cluster that does not exist.
        public static let clusterNotFound = Code("clusterNotFound")
        /// The context names a user that does not exist.
        public static let userNotFound = Code("userNotFound")
        /// The user authenticates in a way Flotilla does not implement (`auth-provider`).
        public static let unsupportedAuthentication = Code("unsupportedAuthentication")
        /// The user names more than one way to authenticate.
        public static let conflictingAuthentication = Code("conflictingAuthentication")
        /// The cluster's `server` is not an http(s) URL of a host and optional port.
        public static let invalidServer = Code("invalidServer")
        /// In-cluster configuration was asked for outside a pod.
        public static let notInCluster = Code("notInCluster")
        /// An exec credential plugin's command cannot be found.
        public static let execPluginNotFound = Code("execPluginNotFound")
        /// An exec credential plugin ran and failed.
        public static let execPluginFailed = Code("execPluginFailed")
        /// An exec credential plugin printed something that is not a usable ExecCredential.
        public static let execPluginInvalidOutput = Code("execPluginInvalidOutput")
    }

    public var code: Code
    public var message: String
    /// The file the problem is in, when there is one.
    public var file: String?
    /// 1-based line and column, for syntax errors.
    public var line: Int?
    public var column: Int?
    /// The field path as written in the file (`users[0].user.exec.command`).
    public var field: String?

    public init(
        _ code: Code, _ message: String, file: String? = nil, line: Int? = nil, column: Int? = nil,
        field: String? = nil
    ) {
        self.code = code
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.field = field
    }

    /// `file:line:column: field: message`, leaving out the parts that are unknown.
    public var description: String {
        var location = file ?? ""
        if let line {
            location += location.isEmpty ? "line \(line)" : ":\(line)"
            if let column { location += ":\(column)" }
        }
        let parts = [location, field ?? "", message].filter { !$0.isEmpty }
        return parts.joined(separator: ": ")
    }
}
