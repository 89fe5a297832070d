import KubeObjects

/// The list-then-watch protocol of one collection, as a value: inputs in, actions out, no I/O.
///
/// A driver performs the actions (requests, sleeps, handing events to a store) and reports what
/// happened through one method per input. The cycle is
/// empty → listing (page by page) → watching → … → relisting (after 410 Gone) → watching.
///
/// Guarantees (under the Kubernetes watch contract, where a watch from resourceVersion R delivers
/// every change after R exactly once, in order):
/// - No event is lost: every reconnect resumes from the last resourceVersion seen, whether it
///   came from the list, an event or a bookmark. resourceVersions are opaque; the machine only
///   keeps the latest one, it never compares them.
/// - No event is applied twice: the resume point moves with every event, and inputs that do not
///   belong to the current request (an event after the machine has moved on to a list, a page
///   while watching) are ignored.
/// - A store only ever receives whole lists: pages are buffered and emitted as one `.restarted`.
/// - After 410 Gone (the resume point was compacted away, or a continue token expired) the
///   machine lists from scratch; other failures back off with jitter and retry the same request.
///
/// Caveats: the driver must run one request at a time and stop reading a watch stream once the
/// machine has asked for something else. A watch that ends cleanly without a single event is
/// treated as a failure, so a server that closes watches at once is not hammered. A 410 relists
/// at once, without backoff: compaction is routine, and a fresh list's resourceVersion is current.
public struct WatchStateMachine: Sendable {
    /// Why a request failed.
    public enum Failure: Sendable, Equatable {
        /// 410 Gone: the resourceVersion or continue token is too old.
        case gone
        /// Anything else: a connection drop, a 5xx, an unreadable stream.
        case other
    }

    /// Where the machine is, for logs and metrics.
    public enum Phase: Sendable, Equatable {
        case empty
        case listing
        /// Listing again after a first complete list; the store still serves the old one.
        case relisting
        case watching(resourceVersion: String)
        case backingOff
    }

    private struct ListProgress: Sendable {
        var items: [JSONValue] = []
        var continueToken: String?
    }

    private enum Resume: Sendable {
        case list(ListProgress)
        case watch(resourceVersion: String)
    }

    private enum State: Sendable {
        case empty
        case listing(ListProgress)
        /// `sawEvent`: whether this watch has delivered anything (events or bookmarks) yet.
        case watching(resourceVersion: String, sawEvent: Bool)
        case backingOff(Resume)
    }

    private var state = State.empty
    private var backoff: ReconnectBackoff
    private var hasListed = false
    /// The `limit` of list requests; `nil` lists everything in one response.
    public let pageSize: Int?

    public init(pageSize: Int? = 500, backoff: ReconnectBackoff = ReconnectBackoff()) {
        precondition(pageSize.map { $0 > 0 } ?? true, "a page size must be positive")
        self.pageSize = pageSize
        self.backoff = backoff
    }

    public var phase: Phase {
        switch state {
        case .empty: return .empty
        case .listing: return hasListed ? .relisting : .listing
        case .watching(let version, _): return .watching(resourceVersion: version)
        case .backingOff: return .backingOff
        }
    }

    /// The resourceVersion a watch would resume from; `nil` before the first complete list and
    /// while (re)listing.
    public var resourceVersion: String? {
        switch state {
        case .watching(let version, _), .backingOff(.watch(let version)): return version
        case .empty, .listing, .backingOff(.list): return nil
        }
    }

    // MARK: Inputs

    /// Begins: the first list request. Ignored once started.
    public mutating func start() -> [WatchAction] {
        guard case .empty = state else { return [] }
        return listFromScratch()
    }

    /// A page of the list arrived. Asks for the next page, or emits the whole list and watches.
    public mutating func listPageReceived(_ page: ListPage) -> [WatchAction] {
        guard case .listing(var progress) = state else { return [] }
        state = .empty  // release the buffer so that appending does not copy it
        backoff.reset()
        progress.items.append(contentsOf: page.items)
        if page.hasMore {
            progress.continueToken = page.continueToken
            state = .listing(progress)
            return [.list(continue: page.continueToken, limit: pageSize)]
        }
        hasListed = true
        state = .watching(resourceVersion: page.resourceVersion, sawEvent: false)
        return [.emit(.restarted(progress.items)), watch(from: page.resourceVersion)]
    }

    /// An event arrived on the open watch.
    public mutating func eventReceived(_ event: WatchEvent) -> [WatchAction] {
        guard case .watching(let version, _) = state else { return [] }
        switch event {
        case .added(let object), .modified(let object):
            moveResumePoint(to: Self.resourceVersion(of: object) ?? version)
            return [.emit(.applied(object))]
        case .deleted(let object):
            moveResumePoint(to: Self.resourceVersion(of: object) ?? version)
            return [.emit(.deleted(object))]
        case .bookmark(let bookmarked):
            moveResumePoint(to: bookmarked)
            return []
        case .gone:
            return listFromScratch()
        case .error:
            return backOff(then: .watch(resourceVersion: version))
        }
    }

    /// The watch stream ended without an error (the server's watch timeout): watch again from
    /// where it stopped, at once if it delivered anything, after a backoff otherwise.
    public mutating func watchEnded() -> [WatchAction] {
        guard case .watching(let version, let sawEvent) = state else { return [] }
        guard sawEvent else { return backOff(then: .watch(resourceVersion: version)) }
        state = .watching(resourceVersion: version, sawEvent: false)
        return [watch(from: version)]
    }

    /// The current list or watch request failed.
    public mutating func requestFailed(_ failure: Failure) -> [WatchAction] {
        switch (state, failure) {
        case (.listing, .gone), (.watching, .gone):
            return listFromScratch()
        case (.listing(let progress), .other):
            return backOff(then: .list(progress))
        case (.watching(let version, _), .other):
            return backOff(then: .watch(resourceVersion: version))
        case (.empty, _), (.backingOff, _):
            return []
        }
    }

    /// The wait asked for by `.backoff` is over: retry the request that failed.
    public mutating func backoffElapsed() -> [WatchAction] {
        guard case .backingOff(let resume) = state else { return [] }
        switch resume {
        case .list(let progress):
            state = .listing(progress)
            return [.list(continue: progress.continueToken, limit: pageSize)]
        case .watch(let version):
            state = .watching(resourceVersion: version, sawEvent: false)
            return [watch(from: version)]
        }
    }

    // MARK: Transitions

    private mutating func listFromScratch() -> [WatchAction] {
        state = .listing(ListProgress())
        return [.list(continue: nil, limit: pageSize)]
    }

    private mutating func backOff(then resume: Resume) -> [WatchAction] {
        state = .backingOff(resume)
        return [.backoff(backoff.next())]
    }

    private mutating func moveResumePoint(to version: String) {
        backoff.reset()
        state = .watching(resourceVersion: version, sawEvent: true)
    }

    private func watch(from version: String) -> WatchAction {
        .watch(fromResourceVersion: version, allowBookmarks: true)
    }

    private static func resourceVersion(of object: JSONValue) -> String? {
        object[path: ["metadata", "resourceVersion"]]?.stringValue
    }
}
