import Placement

/// Renders plans as the table a person reads: one row per member cluster, then the clusters left
/// out and any errors under their workload.
enum PlanTable {
    static func render(_ result: PlanResult) -> String {
        var rows: [[String]] = [["WORKLOAD", "POLICY", "MODE", "CLUSTER", "REPLICAS", "OVERFLOW"]]
        var notes: [Int: [String]] = [:]  // row index after which to print notes
        for plan in result.workloads {
            let workload = plan.workload.key
            let policy = plan.policy?.key ?? "-"
            let mode = plan.mode ?? "-"
            if plan.clusters.isEmpty {
                rows.append([workload, policy, mode, "(none)", "0", "-"])
            }
            for (index, member) in plan.clusters.enumerated() {
                let first = index == 0
                rows.append([
                    first ? workload : "", first ? policy : "", first ? mode : "", member.cluster,
                    member.replicas.map(String.init) ?? "template",
                    member.overflow > 0 ? String(member.overflow) : "-",
                ])
            }
            var lines: [String] = []
            for member in plan.clusters where member.error != nil {
                lines.append("  error in \(member.cluster): \(member.error!)")
            }
            for excluded in plan.excluded {
                lines.append("  excluded \(excluded.cluster): \(excluded.reason)")
            }
            for error in plan.errors { lines.append("  error: \(error)") }
            if !lines.isEmpty { notes[rows.count - 1] = lines }
        }
        let widths = (0..<rows[0].count).map { column in rows.map { $0[column].count }.max() ?? 0 }
        var output = ""
        for (index, row) in rows.enumerated() {
            let cells = row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell.padding(toLength: widths[column])
            }
            output += cells.joined(separator: "  ").trimmingTrailingSpaces() + "\n"
            for line in notes[index] ?? [] { output += line + "\n" }
        }
        for error in result.errors { output += "error: \(error)\n" }
        for warning in result.warnings { output += "warning: \(warning)\n" }
        return output
    }
}

extension String {
    fileprivate func padding(toLength length: Int) -> String {
        count >= length ? self : self + String(repeating: " ", count: length - count)
    }

    fileprivate func trimmingTrailingSpaces() -> String {
        var result = self
        while result.hasSuffix(" ") { result.removeLast() }
        return result
    }
}
