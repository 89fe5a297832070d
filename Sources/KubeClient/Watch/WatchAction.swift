/// What a `WatchStateMachine` asks its driver to do next.
public enum WatchAction: Sendable, Equatable {
    /// Send a list request (`limit`, and `continue` for pages after the first). Drop any open
    /// watch stream first: its events belong to a history the list replaces.
    case list(continue: String?, limit: Int?)
    /// Open a watch from this resourceVersion (`allowWatchBookmarks` as given).
    case watch(fromResourceVersion: String, allowBookmarks: Bool)
    /// Hand this event to the store.
    case emit(WatcherEvent)
    /// Wait this long, then report `backoffElapsed()`.
    case backoff(Duration)
}
