import ArgumentParser
import Foundation
import KubeObjects
import Placement

/// `flotilla plan`: the dry run a user runs before applying. It reads workloads, policies and
/// FederatedClusters from files and prints where every replica would go, without touching a cluster.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show where Flotilla would place each workload, without touching any cluster.",
        discussion: """
            Reads Deployments, PropagationPolicies, OverridePolicies (and their cluster-scoped twins) \
            and FederatedClusters from the files given with -f. The current placement, when present, \
            comes from the workload's flotilla.io/placement and kubeadmiral.io/auto-migration-info \
            annotations. Exits 1 when an input cannot be read or a workload could not be planned.
            """
    )

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case table, json, yaml
    }

    @Option(name: [.short, .customLong("filename")], help: "A file, a directory, or - for standard input. Repeatable.")
    var files: [String] = []

    @Option(name: [.short, .customLong("output")], help: "Output format: table, json or yaml.")
    var output: OutputFormat = .table

    @Option(help: "The time to plan at, RFC 3339 (default: now). Affects only time-bound evictions.")
    var now: String?

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("Give at least one input with -f FILE.") }
        if files.filter({ $0 == "-" }).count > 1 { throw ValidationError("Standard input (-) can be read only once.") }
        if let now, Timestamp(rfc3339: now) == nil {
            throw ValidationError("--now must be an RFC 3339 time such as 2026-11-23T10:00:00Z.")
        }
    }

    func run() throws {
        let objects: [JSONValue]
        do {
            objects = try InputFiles.objects(in: files)
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
        let instant = now.flatMap(Timestamp.init(rfc3339:))
            ?? Timestamp(nanosecondsSinceEpoch: Int64((Date().timeIntervalSince1970 * 1e9).rounded(.down)))
        let result = PlacementEngine.plan(objects: objects, now: instant)
        switch output {
        case .table: print(PlanTable.render(result), terminator: "")
        case .json: print(result.json.prettyJSONString)
        case .yaml: print(result.json.yamlString, terminator: result.json.yamlString.hasSuffix("\n") ? "" : "\n")
        }
        if output != .table {
            for error in result.errors { printError("error: \(error)") }
            for warning in result.warnings { printError("warning: \(warning)") }
        }
        if result.hasErrors { throw ExitCode(1) }
    }
}
