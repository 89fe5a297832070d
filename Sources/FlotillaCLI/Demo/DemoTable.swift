/// The demo's per-step table: pods per cluster and pool, expected beside actual.
enum DemoTable {
    static func render(step: DemoStep, actual: [PoolCount], verdict: DemoStep.Verdict) -> String {
        let mark: String
        switch verdict {
        case .matches: mark = "[ok]"
        case .matchesPlanner: mark = "[ok: KubeAdmiral's planner; the walkthrough's table differs, see docs/demo.md]"
        case .differs: mark = "[DIFFERS]"
        }
        var lines = ["\(step.id)  \(step.title)  \(mark)"]
        let withPlanner = step.planner != nil
        lines.append(row(["cluster", "scenario", withPlanner ? "KubeAdmiral planner" : nil, "actual"]))
        for (index, cluster) in DemoScript.clusters.enumerated() {
            let expected = step.expected[index]
            let got = index < actual.count ? actual[index] : PoolCount(0, 0, 0)
            lines.append(row([
                cluster.display, expected.description, step.planner.map { $0[index].description }, got.description,
            ]))
        }
        return lines.joined(separator: "\n")
    }

    static func row(_ cells: [String?]) -> String {
        "  " + cells.enumerated().compactMap { index, cell in cell.map { pad($0, index == 0 ? 10 : 22) } }.joined()
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}
