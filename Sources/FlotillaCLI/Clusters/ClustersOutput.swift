import KubeObjects
import Placement

/// `flotilla clusters` output: an aligned table for people, JSON for scripts. Both carry the same
/// facts; neither ever contains a credential (reports hold none).
enum ClustersOutput {
    static let headers = ["NAME", "READY", "JOINED", "GPUS", "NODES", "AGE", "REASON"]

    static func table(_ reports: [MemberReport], now: Timestamp) -> String {
        let rows =
            [headers]
            + reports.map { report in
                [
                    report.name, report.ready, report.joined, gpus(report),
                    report.schedulableNodes.map(String.init) ?? "-",
                    report.created.map { age(now - $0) } ?? "-", report.reason ?? "-",
                ]
            }
        return aligned(rows)
    }

    /// `available/allocatable`, or `-` when nothing was collected.
    static func gpus(_ report: MemberReport) -> String {
        guard let available = report.gpusAvailable, let allocatable = report.gpusAllocatable else { return "-" }
        return "\(available)/\(allocatable)"
    }

    static func json(_ reports: [MemberReport], now: Timestamp) -> JSONValue {
        .array(
            reports.map { report in
                var object = JSONObject()
                object["name"] = .string(report.name)
                object["apiEndpoint"] = .string(report.apiEndpoint)
                object["ready"] = .string(report.ready)
                object["joined"] = .string(report.joined)
                object["gpus"] = .object(
                    JSONObject([
                        ("available", report.gpusAvailable.map(JSONValue.int) ?? .null),
                        ("allocatable", report.gpusAllocatable.map(JSONValue.int) ?? .null),
                    ]))
                object["schedulableNodes"] = report.schedulableNodes.map(JSONValue.int) ?? .null
                object["creationTimestamp"] = report.created.map { .string($0.description) } ?? .null
                object["age"] = report.created.map { .string(age(now - $0)) } ?? .null
                object["reason"] = report.reason.map(JSONValue.string) ?? .null
                return .object(object)
            })
    }

    /// Columns padded to their widest cell, two spaces apart; the last column is not padded.
    static func aligned(_ rows: [[String]]) -> String {
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.indices.map { column in
                column == row.count - 1
                    ? row[column] : row[column] + String(repeating: " ", count: widths[column] - row[column].count)
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }

    /// kubectl's short ages: `45s`, `12m`, `5h`, `3d`, `2y`.
    static func age(_ elapsed: Duration) -> String {
        let seconds = max(elapsed.components.seconds, 0)
        switch seconds {
        case ..<120: return "\(seconds)s"
        case ..<(3 * 3600): return "\(seconds / 60)m"
        case ..<(48 * 3600): return "\(seconds / 3600)h"
        case ..<(2 * 365 * 86400): return "\(seconds / 86400)d"
        default: return "\(seconds / (365 * 86400))y"
        }
    }

    /// `5s`, `1500ms`: a timeout as it is typed on the command line.
    static func durationText(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        if attoseconds == 0 { return "\(seconds)s" }
        return "\(seconds * 1000 + attoseconds / 1_000_000_000_000_000)ms"
    }
}
