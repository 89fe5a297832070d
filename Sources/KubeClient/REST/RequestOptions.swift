import KubeObjects

/// Which objects a list (or a watch) returns, and which page.
public struct ListOptions: Sendable, Equatable {
    /// `app=web,tier!=db`, in the API's selector syntax.
    public var labelSelector: String?
    /// `metadata.name=x`, `status.phase=Running`.
    public var fieldSelector: String?
    /// At most this many items per page; the response then carries a continue token.
    public var limit: Int?
    /// The `continue` token of the previous page.
    public var continueToken: String?
    /// Serve the list from this resourceVersion (`"0"`: any, from the watch cache).
    public var resourceVersion: String?

    public init(
        labelSelector: String? = nil, fieldSelector: String? = nil, limit: Int? = nil, continueToken: String? = nil,
        resourceVersion: String? = nil
    ) {
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
        self.limit = limit
        self.continueToken = continueToken
        self.resourceVersion = resourceVersion
    }

    var queryItems: [(String, String?)] {
        [
            ("labelSelector", labelSelector), ("fieldSelector", fieldSelector), ("limit", limit.map(String.init)),
            ("continue", continueToken), ("resourceVersion", resourceVersion),
        ]
    }
}

/// The body format of a PATCH.
public enum PatchType: Sendable, Hashable {
    /// RFC 7386 JSON merge patch: an object whose fields replace, and `null`s delete.
    case merge
    /// RFC 6902 JSON patch: an array of operations.
    case json
    /// Kubernetes' strategic merge patch (built-in types only), which merges lists by key.
    case strategicMerge

    var contentType: String {
        switch self {
        case .merge: return "application/merge-patch+json"
        case .json: return "application/json-patch+json"
        case .strategicMerge: return "application/strategic-merge-patch+json"
        }
    }
}

/// What a DELETE does to dependents, and the conditions it is made under.
public struct DeleteOptions: Sendable, Equatable {
    public enum PropagationPolicy: String, Sendable {
        /// Leave dependents without an owner.
        case orphan = "Orphan"
        /// Delete the object now and its dependents afterwards.
        case background = "Background"
        /// Delete the dependents first; the object stays (with a finalizer) until they are gone.
        case foreground = "Foreground"
    }

    public var propagationPolicy: PropagationPolicy?
    /// Delete only if the object still has this UID (it was not deleted and re-created).
    public var preconditionUID: String?
    /// Delete only if the object is still at this resourceVersion (nobody changed it since).
    public var preconditionResourceVersion: String?
    public var gracePeriodSeconds: Int?

    public init(
        propagationPolicy: PropagationPolicy? = nil, preconditionUID: String? = nil,
        preconditionResourceVersion: String? = nil, gracePeriodSeconds: Int? = nil
    ) {
        self.propagationPolicy = propagationPolicy
        self.preconditionUID = preconditionUID
        self.preconditionResourceVersion = preconditionResourceVersion
        self.gracePeriodSeconds = gracePeriodSeconds
    }

    /// The `meta/v1 DeleteOptions` body; `nil` when every option is at its default.
    var body: JSONValue? {
        var object = JSONObject()
        if let propagationPolicy { object["propagationPolicy"] = .string(propagationPolicy.rawValue) }
        if let gracePeriodSeconds { object["gracePeriodSeconds"] = .int(Int64(gracePeriodSeconds)) }
        var preconditions = JSONObject()
        if let preconditionUID { preconditions["uid"] = .string(preconditionUID) }
        if let preconditionResourceVersion { preconditions["resourceVersion"] = .string(preconditionResourceVersion) }
        if !preconditions.isEmpty { object["preconditions"] = .object(preconditions) }
        guard !object.isEmpty else { return nil }
        object["kind"] = "DeleteOptions"
        object["apiVersion"] = "v1"
        return .object(object)
    }
}
