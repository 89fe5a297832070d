import KubeObjects

/// An API error, answered as a Kubernetes `Status` object.
///
/// Clients branch on `reason` and `code` (client-go's `IsNotFound`, `IsConflict`, `IsResourceExpired`),
/// so every failure the simulator returns carries the reason a real API server would use for it.
public struct StatusError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The `reason` field of a Kubernetes `Status`, with the HTTP code it travels with.
    public struct Reason: Sendable, Hashable, CustomStringConvertible {
        public let name: String
        public let code: Int

        public static let notFound = Reason(name: "NotFound", code: 404)
        public static let alreadyExists = Reason(name: "AlreadyExists", code: 409)
        public static let conflict = Reason(name: "Conflict", code: 409)
        public static let invalid = Reason(name: "Invalid", code: 422)
        public static let badRequest = Reason(name: "BadRequest", code: 400)
        public static let methodNotAllowed = Reason(name: "MethodNotAllowed", code: 405)
        /// 410 for a resource that is gone for good.
        public static let gone = Reason(name: "Gone", code: 410)
        /// 410 for a resourceVersion or continue token older than the retained history: what a real
        /// server answers when a watch or paged list resumes too late.
        public static let expired = Reason(name: "Expired", code: 410)
        public static let unauthorized = Reason(name: "Unauthorized", code: 401)
        public static let tooManyRequests = Reason(name: "TooManyRequests", code: 429)
        public static let internalError = Reason(name: "InternalError", code: 500)
        public static let unsupportedMediaType = Reason(name: "UnsupportedMediaType", code: 415)

        public var description: String { "\(name) (\(code))" }
    }

    public var reason: Reason
    public var message: String
    /// The object the error is about, for `details.name` and `details.kind` (the resource's plural,
    /// as the real server fills it).
    public var name: String?
    public var kind: String?
    public var group: String?
    /// Seconds a client should wait: sent as `Retry-After` and `details.retryAfterSeconds`.
    public var retryAfterSeconds: Int?

    public init(
        _ reason: Reason, _ message: String, name: String? = nil, kind: String? = nil, group: String? = nil,
        retryAfterSeconds: Int? = nil
    ) {
        self.reason = reason
        self.message = message
        self.name = name
        self.kind = kind
        self.group = group
        self.retryAfterSeconds = retryAfterSeconds
    }

    public var description: String { "\(reason): \(message)" }

    /// The `Status` object as JSON.
    public var jsonValue: JSONValue {
        var details = JSONObject()
        if let name { details["name"] = .string(name) }
        if let group, !group.isEmpty { details["group"] = .string(group) }
        if let kind { details["kind"] = .string(kind) }
        if let retryAfterSeconds { details["retryAfterSeconds"] = .int(Int64(retryAfterSeconds)) }
        var status = JSONObject([
            ("kind", "Status"), ("apiVersion", "v1"), ("metadata", .object(JSONObject())), ("status", "Failure"),
            ("message", .string(message)), ("reason", .string(reason.name)),
        ])
        if !details.isEmpty { status["details"] = .object(details) }
        status["code"] = .int(Int64(reason.code))
        return .object(status)
    }

    static func notFound(_ resource: ResourceType, _ name: String) -> StatusError {
        StatusError(
            .notFound, "\(resource.qualifiedName) \"\(name)\" not found", name: name, kind: resource.plural,
            group: resource.group)
    }

    static func alreadyExists(_ resource: ResourceType, _ name: String) -> StatusError {
        StatusError(
            .alreadyExists, "\(resource.qualifiedName) \"\(name)\" already exists", name: name,
            kind: resource.plural, group: resource.group)
    }

    static func conflict(_ resource: ResourceType, _ name: String, _ why: String) -> StatusError {
        StatusError(
            .conflict, "Operation cannot be fulfilled on \(resource.qualifiedName) \"\(name)\": \(why)",
            name: name, kind: resource.plural, group: resource.group)
    }

    static func invalid(_ resource: ResourceType, _ name: String, _ why: String) -> StatusError {
        StatusError(
            .invalid, "\(resource.kind) \"\(name)\" is invalid: \(why)", name: name, kind: resource.kind,
            group: resource.group)
    }
}
