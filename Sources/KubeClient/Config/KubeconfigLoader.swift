/// Finds, reads and merges kubeconfig files with kubectl's loading rules, and resolves the chosen
/// context into a `ClusterConnection`.
///
/// The rules, in order:
/// 1. `--kubeconfig` (`explicitPath`): only that file is read, and it must exist.
/// 2. Otherwise, when `KUBECONFIG` is set and not empty: its colon-separated files are read in
///    order; empty entries and files that do not exist are skipped. The files are merged so that
///    the first file to set a cluster, user or context name, or `current-context`, wins, and a
///    later entry of the same name is dropped whole.
/// 3. Otherwise `~/.kube/config`, if it exists.
///
/// `--context` (`context`) then replaces `current-context`. Any file that exists but cannot be
/// read or parsed is an error naming the file (with line and column for syntax errors); finding
/// no configuration at all is an error listing where Flotilla looked.
///
/// Caveat: unlike kubectl, `--cluster`, `--user` and `--namespace` overrides are not offered.
public struct KubeconfigLoader: Sendable {
    /// The `--kubeconfig` flag.
    public var explicitPath: String?
    /// The `--context` flag.
    public var context: String?
    public var environment: ConfigEnvironment

    public init(explicitPath: String? = nil, context: String? = nil, environment: ConfigEnvironment = .current) {
        self.explicitPath = explicitPath.flatMap { $0.isEmpty ? nil : $0 }
        self.context = context.flatMap { $0.isEmpty ? nil : $0 }
        self.environment = environment
    }

    /// The files kubectl would consider, highest precedence first (whether or not they exist).
    public var candidateFiles: [String] {
        if let explicitPath { return [explicitPath] }
        if let list = environment.variables["KUBECONFIG"], !list.isEmpty {
            var seen: Set<String> = []
            return list.split(separator: ":", omittingEmptySubsequences: true).map(String.init).filter {
                seen.insert($0).inserted
            }
        }
        guard let home = environment.homeDirectory else { return [] }
        return [ConfigPath.resolve(".kube/config", against: home)]
    }

    /// The merged configuration, before any context is chosen.
    public func loadKubeconfig() throws(KubeConfigError) -> Kubeconfig {
        var merged = Kubeconfig()
        var foundAny = false
        for path in candidateFiles {
            switch environment.files.read(path) {
            case .contents(let bytes):
                foundAny = true
                merged = merged.merging(try Kubeconfig(parsing: String(decoding: bytes, as: UTF8.self), file: path))
            case .notFound:
                if path == explicitPath {
                    throw KubeConfigError(
                        .noConfiguration, "the kubeconfig file given with --kubeconfig does not exist", file: path)
                }
            case .failed(let reason):
                throw KubeConfigError(.unreadableFile, "cannot read the kubeconfig: \(reason)", file: path)
            }
        }
        guard !merged.isEmpty else { throw noConfigurationError(foundAny: foundAny) }
        return merged
    }

    /// Loads the configuration and resolves the chosen context (`--context`, else
    /// `current-context`) into what the transport needs.
    public func load() throws(KubeConfigError) -> ClusterConnection {
        try loadKubeconfig().connection(context: context, environment: environment)
    }

    private func noConfigurationError(foundAny: Bool) -> KubeConfigError {
        let files = candidateFiles
        if foundAny {
            return KubeConfigError(
                .noConfiguration,
                "no cluster, user or context is configured in \(files.joined(separator: ", "))")
        }
        let looked: String
        if environment.variables["KUBECONFIG"].map({ !$0.isEmpty }) ?? false {
            looked = files.isEmpty
                ? "KUBECONFIG names no file" : "looked in KUBECONFIG: \(files.joined(separator: ", "))"
        } else if let file = files.first {
            looked = "looked in \(file); set KUBECONFIG or pass --kubeconfig"
        } else {
            looked = "HOME is not set and neither KUBECONFIG nor --kubeconfig is given"
        }
        return KubeConfigError(.noConfiguration, "no kubeconfig found: \(looked)")
    }
}
