import KubeObjects

extension Kubeconfig {
    /// Resolves a context into a `ClusterConnection`, checking what kubectl checks before it
    /// connects.
    ///
    /// - Parameter context: the `--context` override; `nil` uses `current-context`.
    ///
    /// The context must exist, and so must the cluster and user it names (a context without a
    /// user connects anonymously). The user must have at most one way to authenticate among a
    /// token (`token` wins over `tokenFile`, as in client-go), a client certificate and an exec
    /// plugin; `auth-provider` is refused with a pointer to exec plugins. Basic authentication
    /// is ignored with a warning. Files the connection refers to (CA, client certificate and key,
    /// token file) must be readable now, so that a wrong path is reported here with its field.
    public func connection(
        context override: String? = nil, environment: ConfigEnvironment = .current
    ) throws(KubeConfigError) -> ClusterConnection {
        guard let contextName = override ?? currentContext else {
            throw KubeConfigError(
                .contextNotFound,
                "no context is selected: the kubeconfig sets no current-context; pass --context (one of: "
                    + "\(Self.list(contexts.keys)))")
        }
        guard let context = contexts[contextName] else {
            let source = override != nil ? "--context" : "current-context"
            throw KubeConfigError(
                .contextNotFound,
                "context \"\(contextName)\" (from \(source)) is not in the kubeconfig; it has: \(Self.list(contexts.keys))")
        }
        guard !context.cluster.isEmpty else {
            throw KubeConfigError(.clusterNotFound, "context \"\(contextName)\" names no cluster", file: context.origin)
        }
        guard let cluster = clusters[context.cluster] else {
            throw KubeConfigError(
                .clusterNotFound,
                "cluster \"\(context.cluster)\" of context \"\(contextName)\" is not in the kubeconfig; it has: "
                    + Self.list(clusters.keys),
                file: context.origin)
        }
        var user = User()
        if let userName = context.user {
            guard let found = users[userName] else {
                throw KubeConfigError(
                    .userNotFound,
                    "user \"\(userName)\" of context \"\(contextName)\" is not in the kubeconfig; it has: "
                        + Self.list(users.keys),
                    file: context.origin)
            }
            user = found
        }
        var warnings: [String] = []
        let server: ServerURL
        do {
            server = try ServerURL(validating: cluster.server)
        } catch {
            throw KubeConfigError(
                error.code, "cluster \"\(context.cluster)\": \(error.message)", file: cluster.origin, field: "server")
        }
        let (tls, authorityBytes) = try Self.tlsSettings(
            cluster, named: context.cluster, environment: environment, warnings: &warnings)
        let authenticator = try Self.authenticator(
            user, named: context.user ?? "", cluster: cluster, authorityBytes: authorityBytes, environment: environment,
            warnings: &warnings)
        return ClusterConnection(
            server: server, tls: tls, authenticator: authenticator, namespace: context.namespace ?? "default",
            proxyURL: cluster.proxyURL, contextName: contextName, warnings: warnings)
    }

    private static func list(_ names: Dictionary<String, some Any>.Keys) -> String {
        names.isEmpty ? "none" : names.sorted().joined(separator: ", ")
    }

    /// The cluster's TLS settings, and the CA bundle's bytes (read from the file when the cluster
    /// names one, to check it now), which an exec plugin may need for `spec.cluster`.
    private static func tlsSettings(
        _ cluster: Cluster, named name: String, environment: ConfigEnvironment, warnings: inout [String]
    ) throws(KubeConfigError) -> (TLSSettings, authorityBytes: [UInt8]?) {
        var authority: PEMSource?
        var authorityBytes: [UInt8]?
        if let data = cluster.certificateAuthorityData {
            authority = .pem(data)
            authorityBytes = data
            if cluster.certificateAuthority != nil {
                warnings.append(
                    "cluster \"\(name)\" sets both certificate-authority and certificate-authority-data; the data is used")
            }
        } else if let path = cluster.certificateAuthority {
            authorityBytes = try readReferenced(
                path, purpose: "certificate authority file", field: "certificate-authority", origin: cluster.origin,
                environment: environment)
            authority = .file(path)
        }
        if cluster.insecureSkipTLSVerify && authority != nil {
            throw KubeConfigError(
                .invalidField,
                "cluster \"\(name)\" sets insecure-skip-tls-verify together with a certificate authority; choose one",
                file: cluster.origin, field: "insecure-skip-tls-verify")
        }
        let settings = TLSSettings(
            certificateAuthority: authority, insecureSkipVerify: cluster.insecureSkipTLSVerify,
            serverName: cluster.tlsServerName)
        return (settings, authorityBytes)
    }

    private static func authenticator(
        _ user: User, named name: String, cluster: Cluster, authorityBytes: [UInt8]?, environment: ConfigEnvironment,
        warnings: inout [String]
    ) throws(KubeConfigError) -> Authenticator {
        if let provider = user.authProvider {
            let which = provider.isEmpty ? "" : " \"\(provider)\""
            throw KubeConfigError(
                .unsupportedAuthentication,
                "user \"\(name)\" uses auth-provider\(which), which is not supported: use an exec credential plugin "
                    + "instead (for example gke-gcloud-auth-plugin, kubelogin or aws eks get-token)",
                file: user.origin, field: "auth-provider")
        }
        if user.username != nil || user.password != nil {
            warnings.append("user \"\(name)\" sets username/password; basic authentication is not supported and is ignored")
        }
        let hasCertificate = user.clientCertificate != nil || user.clientCertificateData != nil
        let hasKey = user.clientKey != nil || user.clientKeyData != nil
        var methods: [String] = []
        if user.token != nil || user.tokenFile != nil { methods.append(user.token != nil ? "token" : "tokenFile") }
        if hasCertificate || hasKey { methods.append("client certificate") }
        if user.exec != nil { methods.append("exec") }
        guard methods.count <= 1 else {
            throw KubeConfigError(
                .conflictingAuthentication,
                "user \"\(name)\" sets more than one way to authenticate (\(methods.joined(separator: ", "))); keep one",
                file: user.origin)
        }
        if let token = user.token { return .token(token) }
        if let path = user.tokenFile {
            let token: Secret
            do {
                token = try TokenFileSource.read(path, environment: environment)
            } catch {
                throw located(error, origin: user.origin, field: "tokenFile")
            }
            return .tokenFile(TokenFileSource(path: path, environment: environment, initialToken: token))
        }
        if hasCertificate || hasKey {
            return .clientCertificate(try clientCertificate(user, named: name, environment: environment))
        }
        if let exec = user.exec {
            let clusterInfo = exec.provideClusterInfo
                ? ExecCredentialDocument.clusterInfo(cluster, caData: authorityBytes) : nil
            return .exec(ExecCredentialProvider(config: exec, clusterInfo: clusterInfo, environment: environment))
        }
        return .none
    }

    private static func clientCertificate(
        _ user: User, named name: String, environment: ConfigEnvironment
    ) throws(KubeConfigError) -> ClientCertificate {
        let certificate: PEMSource
        if let data = user.clientCertificateData {
            certificate = .pem(data)
        } else if let path = user.clientCertificate {
            try readReferenced(
                path, purpose: "client certificate file", field: "client-certificate", origin: user.origin,
                environment: environment)
            certificate = .file(path)
        } else {
            throw KubeConfigError(
                .invalidField, "user \"\(name)\" has a client key but no client-certificate or client-certificate-data",
                file: user.origin)
        }
        let key: PrivateKeySource
        if let data = user.clientKeyData {
            key = .pem(data)
        } else if let path = user.clientKey {
            try readReferenced(
                path, purpose: "client key file", field: "client-key", origin: user.origin, environment: environment)
            key = .file(path)
        } else {
            throw KubeConfigError(
                .invalidField, "user \"\(name)\" has a client certificate but no client-key or client-key-data",
                file: user.origin)
        }
        return ClientCertificate(certificate: certificate, key: key)
    }

    /// Reads a file a kubeconfig entry refers to, attributing a failure to that entry's file and
    /// field.
    @discardableResult
    private static func readReferenced(
        _ path: String, purpose: String, field: String, origin: String?, environment: ConfigEnvironment
    ) throws(KubeConfigError) -> [UInt8] {
        do {
            return try environment.readRequired(path, purpose: purpose)
        } catch {
            throw located(error, origin: origin, field: field)
        }
    }

    private static func located(_ error: KubeConfigError, origin: String?, field: String) -> KubeConfigError {
        var located = error
        located.file = origin
        located.field = field
        return located
    }
}
