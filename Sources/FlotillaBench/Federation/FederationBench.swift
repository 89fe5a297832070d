import Foundation

/// The federation controller benchmark's entry point, called first by `main.swift`.
///
/// - `FlotillaBench` (no arguments, `make bench`): the controller table at 1,000 and 10,000
///   workloads, then the planner table.
/// - `FlotillaBench federation [N …]`: the controller table only, at the given sizes (a small
///   one, such as `federation 300`, is the smoke test).
/// - `--federation-run …` and `--serve-sims …`: the benchmark's own child processes.
/// - Anything else (the planner's filters): nothing here.
///
/// `FLOTILLA_BENCH_WORKERS` sets the controller's workers (default 8), and
/// `FLOTILLA_BENCH_SAMPLES` the policy-change samples per size (default 200; 0 skips them).
enum FederationBench {
    static let defaultSizes = [1_000, 10_000]

    static func runIfRequested(_ arguments: [String] = CommandLine.arguments) async {
        let options = BenchOptions(Array(arguments.dropFirst()))
        switch options.first {
        case SimServersChild.flag:
            let fixture = FederationFixture(workloads: options.value("--workloads"), samples: options.value("--samples"))
            await SimServersChild.run(count: options.value(SimServersChild.flag), fixture: fixture)
        case FederationRun.flag:
            await FederationRun.main(
                workloads: options.value(FederationRun.flag), samples: options.value("--samples"),
                workers: options.value("--workers"))
        case "federation":
            let sizes = options.numbers
            let ok = await FederationTable.run(
                sizes: sizes.isEmpty ? defaultSizes : sizes, workers: environment("FLOTILLA_BENCH_WORKERS", 8),
                samples: environment("FLOTILLA_BENCH_SAMPLES", 200))
            exit(ok ? 0 : 1)
        case nil:
            _ = await FederationTable.run(
                sizes: defaultSizes, workers: environment("FLOTILLA_BENCH_WORKERS", 8),
                samples: environment("FLOTILLA_BENCH_SAMPLES", 200))
            print("")
        default:
            return
        }
    }

    private static func environment(_ name: String, _ fallback: Int) -> Int {
        ProcessInfo.processInfo.environment[name].flatMap { Int($0) } ?? fallback
    }
}

/// The benchmark's own arguments: `--flag value` pairs and bare numbers.
struct BenchOptions {
    let arguments: [String]

    init(_ arguments: [String]) { self.arguments = arguments }

    var first: String? { arguments.first }

    var numbers: [Int] { arguments.compactMap { Int($0) } }

    /// The number after `flag`; the child processes are started with every flag they read.
    func value(_ flag: String) -> Int {
        guard let index = arguments.firstIndex(of: flag), index + 1 < arguments.count,
            let value = Int(arguments[index + 1])
        else {
            FileHandle.standardError.write(Data("FlotillaBench: \(flag) needs a number\n".utf8))
            exit(2)
        }
        return value
    }
}
