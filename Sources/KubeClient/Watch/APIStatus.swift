import KubeObjects

/// The API server's account of a failed request (`meta/v1 Status`): an HTTP-like code, a
/// machine-readable reason and a message for people.
///
/// Watches deliver one in an ERROR event; the code that matters most there is 410 Gone, which
/// says the resourceVersion the watch started from has been compacted away and the client must
/// list again.
public struct APIStatus: Sendable, Hashable, CustomStringConvertible {
    public var code: Int?
    /// `Expired`, `NotFound`, `Conflict`, …; `nil` when the server gave none.
    public var reason: String?
    public var message: String?
    /// `details.kind` and `details.name`: what the status is about. A create in a namespace that
    /// does not exist fails NotFound with kind `namespaces` and the namespace's name, not the
    /// object's; only these tell the two apart.
    public var detailsKind: String?
    public var detailsName: String?

    public init(
        code: Int? = nil, reason: String? = nil, message: String? = nil, detailsKind: String? = nil,
        detailsName: String? = nil
    ) {
        self.code = code
        self.reason = reason
        self.message = message
        self.detailsKind = detailsKind
        self.detailsName = detailsName
    }

    /// Reads the fields of a Status object; missing or mistyped fields are left `nil`, since a
    /// status is already an error and its shape is the server's business.
    public init(json: JSONValue) {
        code = json["code"]?.intValue.map { Int($0) }
        reason = json["reason"]?.stringValue
        message = json["message"]?.stringValue
        detailsKind = json[path: ["details", "kind"]]?.stringValue
        detailsName = json[path: ["details", "name"]]?.stringValue
    }

    /// Whether this is a NotFound for the namespace `namespace` itself.
    public func isNamespaceNotFound(_ namespace: String) -> Bool {
        code == 404 && detailsKind == "namespaces" && detailsName == namespace
    }

    /// Whether the server says the requested resourceVersion (or continue token) is too old.
    public var isGone: Bool { code == 410 }

    public var description: String {
        var parts: [String] = []
        if let code { parts.append(String(code)) }
        if let reason { parts.append(reason) }
        let head = parts.isEmpty ? "status" : parts.joined(separator: " ")
        guard let message, !message.isEmpty else { return head }
        return "\(head): \(message)"
    }
}
