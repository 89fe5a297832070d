import ArgumentParser
import KubeClient

/// The `flotilla` command: subcommands live one per file under Commands/.
public struct Flotilla: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "flotilla",
        abstract: "Federated, multi-cloud GPU placement for Kubernetes.",
        version: "0.1.0",
        subcommands: [
            RunCommand.self, PlanCommand.self, ClustersCommand.self, DemoCommand.self, JSONPatchCommand.self,
            SimAPIServerCommand.self, SimMemberCommand.self,
        ]
    )

    public init() {}
}

extension Flotilla {
    /// Parses the arguments, runs the command, and closes every API server connection before the
    /// process exits, whether the command succeeded or not.
    ///
    /// argument-parser's own `main` would exit with the transports' threads still reading: exit
    /// handlers then free the TLS library's global state under them, which can corrupt the heap
    /// on the way out (seen at the end of `flotilla demo` against real API servers).
    public static func runClosingConnections() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            CurlTransport.shutDownAll()
        } catch {
            CurlTransport.shutDownAll()
            exit(withError: error)
        }
    }
}
