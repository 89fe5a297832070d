import ArgumentParser

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
