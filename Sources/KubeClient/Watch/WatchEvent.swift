import KubeObjects

/// One event of a watch response, as the API server sends it.
///
/// This is the wire level, one event per line; `WatchStateMachine` turns these (and lists) into
/// the `WatcherEvent`s a store applies.
public enum WatchEvent: Sendable, Equatable {
    case added(JSONValue)
    case modified(JSONValue)
    case deleted(JSONValue)
    /// Nothing changed, but the collection has reached `resourceVersion`: a watch may resume
    /// from it. Sent only to watches that allow bookmarks.
    case bookmark(resourceVersion: String)
    /// An ERROR event with code 410: the watch's starting resourceVersion is too old.
    case gone(APIStatus)
    /// Any other ERROR event.
    case error(APIStatus)
}

extension WatchEvent {
    /// Decodes `{"type": …, "object": {…}}`; the message says what is wrong otherwise.
    init(decoding json: JSONValue) throws(WatchEventShapeError) {
        guard case .object(let event) = json else {
            throw WatchEventShapeError("a watch event must be an object, got \(json.typeName)")
        }
        guard let type = event["type"]?.stringValue else {
            throw WatchEventShapeError("a watch event needs a string \"type\"")
        }
        guard let object = event["object"], case .object = object else {
            throw WatchEventShapeError("\(type) events need an object in \"object\"")
        }
        switch type {
        case "ADDED": self = .added(object)
        case "MODIFIED": self = .modified(object)
        case "DELETED": self = .deleted(object)
        case "BOOKMARK":
            guard let version = object[path: ["metadata", "resourceVersion"]]?.stringValue else {
                throw WatchEventShapeError("BOOKMARK events need metadata.resourceVersion")
            }
            self = .bookmark(resourceVersion: version)
        case "ERROR":
            let status = APIStatus(json: object)
            self = status.isGone ? .gone(status) : .error(status)
        default:
            throw WatchEventShapeError("unknown watch event type \"\(type)\"")
        }
    }
}

/// Why a well-formed JSON line is not a watch event.
struct WatchEventShapeError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}
