import Foundation
import KubeObjects

/// Runs a user's exec credential plugin when a credential is needed, and caches what it returns
/// until shortly before it expires.
///
/// Guarantees:
/// - at most one plugin process runs at a time per provider: callers that arrive while it runs
///   wait for the same result (a controller starting up issues many requests at once);
/// - a credential is reused until `expirySkew` before its `expirationTimestamp`, or, without one,
///   until `invalidate(ifStill:)` reports that the server rejected it;
/// - errors name the command and quote its trimmed standard error, never its standard output.
///
/// The clock is `environment.now`, so tests move time by hand instead of sleeping.
public actor ExecCredentialProvider {
    public nonisolated let config: ExecConfig
    /// How long before `expirationTimestamp` a credential is treated as expired, so a request is
    /// not sent with a token that lapses in flight.
    public nonisolated let expirySkew: Duration
    private let clusterInfo: JSONValue?
    private let environment: ConfigEnvironment
    private var cached: ExecCredential?
    private var running: Task<ExecCredential, any Error>?

    /// - Parameters:
    ///   - clusterInfo: the `spec.cluster` object to send, when the config sets
    ///     `provideClusterInfo` (`Kubeconfig.connection` builds it from the cluster entry).
    ///   - environment: the base environment of the plugin (extended by `config.env`), the `PATH`
    ///     it is looked up in, and the clock.
    public init(
        config: ExecConfig, clusterInfo: JSONValue? = nil, environment: ConfigEnvironment = .current,
        expirySkew: Duration = .seconds(10)
    ) {
        self.config = config
        self.clusterInfo = clusterInfo
        self.environment = environment
        self.expirySkew = expirySkew
    }

    /// A valid credential: the cached one while it has not expired, otherwise a fresh one from
    /// the plugin.
    public func credential() async throws(KubeConfigError) -> ExecCredential {
        if let cached, !isExpired(cached) { return cached }
        let task: Task<ExecCredential, any Error>
        if let running {
            task = running
        } else {
            let invocation = try makeInvocation()
            task = Task { try await invocation.obtain() }
            running = task
        }
        do {
            let credential = try await task.value
            if running == task {
                running = nil
                cached = credential
            }
            return credential
        } catch {
            if running == task { running = nil }
            throw error as? KubeConfigError
                ?? KubeConfigError(.execPluginFailed, "exec plugin \"\(config.command)\" failed: \(error)")
        }
    }

    /// Drops the cached credential so that the next `credential()` runs the plugin, unless the
    /// cached one is no longer `rejected` (another caller already refreshed it). Pass `nil` to
    /// drop it unconditionally.
    public func invalidate(ifStill rejected: Credential? = nil) {
        guard let current = cached else { return }
        if rejected == nil || rejected == current.asCredential { cached = nil }
    }

    private func isExpired(_ credential: ExecCredential) -> Bool {
        guard let expiration = credential.expiration else { return false }
        return environment.now() >= expiration.addingTimeInterval(-expirySkew.seconds)
    }

    /// Everything one run needs, checked before anything is started: the plugin must be found,
    /// and must not insist on a terminal Flotilla does not have.
    private func makeInvocation() throws(KubeConfigError) -> ExecInvocation {
        let command = config.command
        if config.interactiveMode == .always {
            throw KubeConfigError(
                .execPluginFailed,
                "exec plugin \"\(command)\" has interactiveMode Always, but Flotilla runs plugins without a terminal")
        }
        guard let executable = ExecPluginProcess.locate(command, path: environment.variables["PATH"]) else {
            var message = command.contains("/")
                ? "exec plugin \"\(command)\" was not found or is not executable"
                : "exec plugin \"\(command)\" was not found in PATH"
            if let hint = config.installHint { message += "\n\n\(hint)" }
            throw KubeConfigError(.execPluginNotFound, message)
        }
        var variables = environment.variables
        for variable in config.env { variables[variable.name] = variable.value.revealedText }
        variables["KUBERNETES_EXEC_INFO"] = ExecCredentialDocument.request(
            apiVersion: config.apiVersion, cluster: clusterInfo)
        return ExecInvocation(
            command: command, apiVersion: config.apiVersion,
            process: ExecPluginProcess(executable: executable, arguments: config.args, environment: variables))
    }
}

/// One run of a plugin, as a value that can leave the actor for the task that runs it.
struct ExecInvocation: Sendable {
    var command: String
    var apiVersion: ExecConfig.APIVersion
    var process: ExecPluginProcess

    /// Longest stretch of standard error quoted in an error message.
    static let stderrLimit = 1000

    func obtain() async throws(KubeConfigError) -> ExecCredential {
        let output: ExecPluginProcess.Output
        do {
            output = try await process.run()
        } catch {
            throw KubeConfigError(.execPluginFailed, "exec plugin \"\(command)\" could not be started: \(error)")
        }
        guard output.status == 0, !output.wasSignalled else {
            let how = output.wasSignalled ? "was killed by signal \(output.status)" : "exited with status \(output.status)"
            var message = "exec plugin \"\(command)\" \(how)"
            let stderr = Self.trimmed(output.stderr)
            if !stderr.isEmpty { message += ": \(stderr)" }
            throw KubeConfigError(.execPluginFailed, message)
        }
        return try ExecCredentialDocument.response(output.stdout, apiVersion: apiVersion) { reason in
            KubeConfigError(.execPluginInvalidOutput, "exec plugin \"\(command)\" returned no usable credential: \(reason)")
        }
    }

    /// Standard error without surrounding blank space, cut to `stderrLimit` characters.
    static func trimmed(_ bytes: [UInt8]) -> String {
        let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.count > stderrLimit else { return text }
        return String(text.prefix(stderrLimit)) + "…"
    }
}
