import KubeObjects

/// One page of a list response: its items, the collection's resourceVersion and, when more
/// pages follow, the token that asks for the next one.
public struct ListPage: Sendable, Equatable {
    public var items: [JSONValue]
    /// `metadata.resourceVersion` of the list: the version of the snapshot the pages are cut
    /// from, which a watch resumes from once the last page is in.
    public var resourceVersion: String
    /// `metadata.continue`; `nil` (or empty, as the server may send it) on the last page.
    public var continueToken: String?

    public init(items: [JSONValue], resourceVersion: String, continueToken: String? = nil) {
        self.items = items
        self.resourceVersion = resourceVersion
        self.continueToken = continueToken
    }

    /// Whether another page follows.
    public var hasMore: Bool { continueToken.map { !$0.isEmpty } ?? false }
}
