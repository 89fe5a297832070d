import KubeObjects

/// What a watcher tells a store: the collection's whole contents, or one change to it.
///
/// Unlike the wire-level `WatchEvent`, a client never sees pages, bookmarks or errors here: the
/// `WatchStateMachine` has folded those into this closed set, which is all a cache needs.
public enum WatcherEvent: Sendable, Equatable {
    /// A complete list: replace everything with these objects. Sent after the first list and
    /// after every relist, never with a partial list.
    case restarted([JSONValue])
    /// The object was created or changed; this is its new state.
    case applied(JSONValue)
    /// The object was deleted; this is its last state.
    case deleted(JSONValue)
}
