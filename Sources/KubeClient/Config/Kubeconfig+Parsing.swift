import KubeObjects

extension Kubeconfig {
    /// Reads one kubeconfig file's text (YAML or JSON).
    ///
    /// - Parameter file: the file's path, used in error messages and as the base for relative
    ///   paths (`certificate-authority: ca.crt` means the `ca.crt` beside the kubeconfig, as in
    ///   kubectl). Without it, paths are kept as written.
    ///
    /// As client-go does, a file with no `apiVersion` and `kind` is read as `v1` `Config`, an
    /// empty file is an empty config, and unknown fields are ignored. Syntax errors carry the
    /// line and column; field errors carry the field path (`users[1].user.exec.command`).
    public init(parsing text: String, file: String? = nil) throws(KubeConfigError) {
        let documents: [JSONValue]
        do {
            documents = try KubeDocuments.read(text, file: file)
        } catch {
            throw KubeConfigError(
                .invalidSyntax, "not a valid kubeconfig: \(error.message)", file: file, line: error.line,
                column: error.column)
        }
        guard documents.count <= 1 else {
            throw KubeConfigError(
                .invalidSyntax, "holds \(documents.count) YAML documents; a kubeconfig is a single document",
                file: file)
        }
        self.init()
        guard let document = documents.first else { return }
        try self.read(ConfigField(file: file, value: document), baseDirectory: file.map(ConfigPath.directory(of:)))
    }

    private mutating func read(_ root: ConfigField, baseDirectory: String?) throws(KubeConfigError) {
        _ = try root.object()
        if let apiVersion = try root.field("apiVersion").nonEmptyString(), apiVersion != "v1" {
            throw root.field("apiVersion").error("unsupported kubeconfig apiVersion \"\(apiVersion)\": use v1")
        }
        if let kind = try root.field("kind").nonEmptyString(), kind != "Config" {
            throw root.field("kind").error("a kubeconfig has kind Config, not \"\(kind)\"")
        }
        let origin = root.file
        clusters = try Self.namedEntries(root.field("clusters"), entryKey: "cluster") { field throws(KubeConfigError) in
            try Self.readCluster(field, baseDirectory: baseDirectory, origin: origin)
        }
        users = try Self.namedEntries(root.field("users"), entryKey: "user") { field throws(KubeConfigError) in
            try Self.readUser(field, baseDirectory: baseDirectory, origin: origin)
        }
        contexts = try Self.namedEntries(root.field("contexts"), entryKey: "context") { field throws(KubeConfigError) in
            Context(
                cluster: try field.field("cluster").string() ?? "", user: try field.field("user").nonEmptyString(),
                namespace: try field.field("namespace").nonEmptyString(), origin: origin)
        }
        currentContext = try root.field("current-context").nonEmptyString()
    }

    /// Reads a list of `{name, <entryKey>: {...}}` into a dictionary; a name used twice in one file
    /// is an error, as in client-go, since one of the two would be silently lost.
    private static func namedEntries<Entry>(
        _ list: ConfigField, entryKey: String, read: (ConfigField) throws(KubeConfigError) -> Entry
    ) throws(KubeConfigError) -> [String: Entry] {
        var entries: [String: Entry] = [:]
        for element in try list.array() ?? [] {
            _ = try element.object()
            guard let name = try element.field("name").nonEmptyString() else {
                throw element.field("name").error("every entry of \(list.path) needs a name")
            }
            guard entries[name] == nil else {
                throw element.field("name").error("the name \"\(name)\" is used twice in \(list.path)")
            }
            let body = element.field(entryKey)
            _ = try body.object()
            entries[name] = try read(body)
        }
        return entries
    }

    private static func readCluster(
        _ field: ConfigField, baseDirectory: String?, origin: String?
    ) throws(KubeConfigError) -> Cluster {
        var execExtension: JSONValue?
        for entry in try field.field("extensions").array() ?? [] {
            if try entry.field("name").string() == "client.authentication.k8s.io/exec" {
                execExtension = entry.value?["extension"]
            }
        }
        return Cluster(
            server: try field.field("server").string() ?? "",
            certificateAuthority: try field.field("certificate-authority").nonEmptyString().map {
                ConfigPath.resolve($0, against: baseDirectory)
            },
            certificateAuthorityData: try field.field("certificate-authority-data").base64(),
            insecureSkipTLSVerify: try field.field("insecure-skip-tls-verify").bool() ?? false,
            tlsServerName: try field.field("tls-server-name").nonEmptyString(),
            proxyURL: try field.field("proxy-url").nonEmptyString(),
            execExtension: execExtension,
            origin: origin)
    }

    private static func readUser(
        _ field: ConfigField, baseDirectory: String?, origin: String?
    ) throws(KubeConfigError) -> User {
        func path(_ key: String) throws(KubeConfigError) -> String? {
            try field.field(key).nonEmptyString().map { ConfigPath.resolve($0, against: baseDirectory) }
        }
        let authProvider = field.field("auth-provider")
        let exec = field.field("exec")
        return User(
            clientCertificate: try path("client-certificate"),
            clientCertificateData: try field.field("client-certificate-data").base64(),
            clientKey: try path("client-key"),
            clientKeyData: try field.field("client-key-data").base64().map { Secret(bytes: $0) },
            token: try field.field("token").nonEmptyString().map { Secret($0) },
            tokenFile: try path("tokenFile"),
            username: try field.field("username").nonEmptyString(),
            password: try field.field("password").nonEmptyString().map { Secret($0) },
            exec: exec.isPresent ? try ExecConfig.read(exec, baseDirectory: baseDirectory) : nil,
            authProvider: authProvider.isPresent ? try authProvider.field("name").string() ?? "" : nil,
            origin: origin)
    }
}
