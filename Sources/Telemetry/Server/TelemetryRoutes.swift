/// What the telemetry endpoints answer, apart from HTTP: a function from method and target to
/// status, content type and body, so that routing is tested without a socket.
struct TelemetryRoutes: Sendable {
    struct Answer: Sendable, Equatable {
        var status: Int
        var contentType: String
        var body: String
    }

    let registry: MetricsRegistry
    let readiness: @Sendable () async -> Readiness

    func answer(method: String, target: String) async -> Answer {
        let path = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        let known = ["/metrics", "/healthz", "/readyz"]
        guard known.contains(path) else { return .text(404, "not found: \(path) (try /metrics, /healthz or /readyz)") }
        guard method == "GET" || method == "HEAD" else { return .text(405, "method \(method) not allowed on \(path)") }
        switch path {
        case "/metrics":
            return Answer(status: 200, contentType: PrometheusText.contentType, body: registry.exposition())
        case "/healthz":
            return .text(200, "ok")
        default:
            switch await readiness() {
            case .ready: return .text(200, "ok")
            case .notReady(let reason): return .text(503, reason)
            }
        }
    }
}

extension TelemetryRoutes.Answer {
    static func text(_ status: Int, _ body: String) -> Self {
        Self(status: status, contentType: "text/plain; charset=utf-8", body: body + "\n")
    }
}
