/// How a `KubeSimServer` listens and how much history it keeps.
public struct KubeSimConfiguration: Sendable {
    /// The loopback address to listen on.
    public var host: String = "127.0.0.1"
    /// `0` picks a free port; `KubeSimServer.port` tells which one.
    public var port: Int = 0
    /// When set, every request except health checks needs `Authorization: Bearer <token>`.
    public var bearerToken: String?
    /// How often watches that asked for bookmarks get one. Short in tests.
    public var bookmarkInterval: Duration = .seconds(60)
    /// How many changes the server remembers for watch resumes and paged lists; older
    /// resourceVersions get 410 `Expired`, as after an etcd compaction.
    public var retainedChanges: Int = 1000

    public init(
        host: String = "127.0.0.1", port: Int = 0, bearerToken: String? = nil,
        bookmarkInterval: Duration = .seconds(60), retainedChanges: Int = 1000
    ) {
        self.host = host
        self.port = port
        self.bearerToken = bearerToken
        self.bookmarkInterval = bookmarkInterval
        self.retainedChanges = retainedChanges
    }
}
