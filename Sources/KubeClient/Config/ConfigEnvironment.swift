import Foundation

/// Everything outside the configuration files that resolving a connection looks at: environment
/// variables, the home directory, the file system and the clock.
///
/// One value carries them all so that a test can describe a machine (no real `HOME`, files in
/// memory or in a temporary directory, a clock it moves by hand) and every loader, token source
/// and exec plugin sees the same one.
public struct ConfigEnvironment: Sendable {
    /// The process environment: `KUBECONFIG`, `HOME`, `KUBERNETES_SERVICE_HOST`, `PATH`, and the
    /// base environment exec plugins inherit.
    public var variables: [String: String]
    /// Where `~/.kube/config` lives; `nil` means there is no home directory, so no default file.
    public var homeDirectory: String?
    public var files: FileAccess
    /// The wall clock, read to decide whether a cached credential has expired.
    public var now: @Sendable () -> Date

    /// - Parameter homeDirectory: defaults to `variables["HOME"]`, as client-go does on Unix.
    public init(
        variables: [String: String], homeDirectory: String? = nil, files: FileAccess = .local,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.variables = variables
        self.homeDirectory = homeDirectory ?? variables["HOME"].flatMap { $0.isEmpty ? nil : $0 }
        self.files = files
        self.now = now
    }

    /// This process's environment, the local file system and the system clock.
    public static var current: ConfigEnvironment {
        ConfigEnvironment(variables: ProcessInfo.processInfo.environment)
    }

    /// Reads a file for the configuration, turning a missing or unreadable file into an error
    /// that says what the file was for (`certificate-authority`, `token file`).
    func readRequired(_ path: String, purpose: String) throws(KubeConfigError) -> [UInt8] {
        switch files.read(path) {
        case .contents(let bytes):
            return bytes
        case .notFound:
            throw KubeConfigError(.unreadableFile, "\(purpose) \(path) does not exist")
        case .failed(let reason):
            throw KubeConfigError(.unreadableFile, "cannot read \(purpose) \(path): \(reason)")
        }
    }
}
