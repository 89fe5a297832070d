/// A failure a test asks the server to answer with instead of serving the request.
public enum InjectedFault: Sendable, Equatable {
    /// 500 `InternalError`.
    case internalError
    /// 429 `TooManyRequests` with a `Retry-After` header.
    case tooManyRequests(retryAfterSeconds: Int)

    var status: StatusError {
        switch self {
        case .internalError:
            return StatusError(.internalError, "an error on the server (injected by KubeSim) prevented the request")
        case .tooManyRequests(let seconds):
            return StatusError(
                .tooManyRequests, "the server has received too many requests and has asked us to try again later",
                retryAfterSeconds: seconds)
        }
    }
}

/// Which requests a fault applies to. `nil` members match anything.
public struct RequestMatcher: Sendable, Equatable {
    /// `GET`, `PUT`, ...
    public var method: String?
    /// Matches when the request path contains this text, e.g. `/deployments`.
    public var pathContains: String?
    /// Matches watch requests only (`true`), non-watch only (`false`), or both (`nil`).
    public var isWatch: Bool?

    public init(method: String? = nil, pathContains: String? = nil, isWatch: Bool? = nil) {
        self.method = method
        self.pathContains = pathContains
        self.isWatch = isWatch
    }

    public static let any = RequestMatcher()

    func matches(_ request: APIRequest) -> Bool {
        if let method, method.uppercased() != request.method { return false }
        if let pathContains, !request.path.contains(pathContains) { return false }
        if let isWatch, isWatch != request.flag("watch") { return false }
        return true
    }
}

/// The faults currently armed: counted failures and a fixed latency.
///
/// An actor because connection tasks consult it concurrently and a counted fault must fire
/// exactly N times, however many requests race for it.
actor FaultInjector {
    private struct Rule {
        var fault: InjectedFault
        var matcher: RequestMatcher
        var remaining: Int
    }

    private var rules: [Rule] = []
    private(set) var latency: Duration = .zero

    func add(_ fault: InjectedFault, count: Int, matching matcher: RequestMatcher) {
        guard count > 0 else { return }
        rules.append(Rule(fault: fault, matcher: matcher, remaining: count))
    }

    func setLatency(_ latency: Duration) {
        self.latency = latency
    }

    func clear() {
        rules.removeAll()
        latency = .zero
    }

    /// The fault this request gets, consuming one use of the first matching rule.
    func takeFault(for request: APIRequest) -> InjectedFault? {
        guard let index = rules.firstIndex(where: { $0.matcher.matches(request) }) else { return nil }
        let fault = rules[index].fault
        rules[index].remaining -= 1
        if rules[index].remaining == 0 { rules.remove(at: index) }
        return fault
    }
}
