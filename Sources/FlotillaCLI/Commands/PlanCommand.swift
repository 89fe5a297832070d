// STUB: replaced by the plan command.
import ArgumentParser

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "plan", abstract: "Dry-run placement.")
}
