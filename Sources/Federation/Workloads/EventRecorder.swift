import KubeClient
import KubeObjects
import Placement

/// Writes `core/v1` Events about host workloads: what was decided, what went wrong.
///
/// A repeated event (same object, type, reason and message) bumps the `count` of the existing
/// Event instead of creating another, as kubectl's `describe` expects. An event whose message
/// varies from one occurrence to the next (an error text) passes a `key` instead: events with the
/// same object, type, reason and key are one Event, whose count is bumped and whose message is
/// the latest. Recording never fails the reconcile: an Event that cannot be written is dropped.
public struct EventRecorder: Sendable {
    public enum Kind: String, Sendable { case normal = "Normal", warning = "Warning" }

    let api: KubeAPI
    let clock: any KubeClock
    let component: String

    public init(api: KubeAPI, clock: any KubeClock, component: String = "flotilla") {
        self.api = api
        self.clock = clock
        self.component = component
    }

    /// - Parameter key: what identifies the event besides object, type and reason; the message
    ///   when `nil`.
    public func record(_ kind: Kind, reason: String, message: String, about object: JSONValue, key: String? = nil) async {
        guard let namespace = object[path: ["metadata", "namespace"]]?.stringValue,
            let name = object[path: ["metadata", "name"]]?.stringValue
        else { return }
        let now = clock.timestamp.rfc3339
        let eventName = "\(name).\(Self.fingerprint(kind.rawValue, reason, key ?? message))"
        let event: JSONValue = [
            "apiVersion": "v1", "kind": "Event",
            "metadata": ["name": .string(eventName), "namespace": .string(namespace)],
            "involvedObject": [
                "apiVersion": object["apiVersion"] ?? "apps/v1", "kind": object["kind"] ?? "Deployment",
                "namespace": .string(namespace), "name": .string(name),
                "uid": object[path: ["metadata", "uid"]] ?? "",
            ],
            "type": .string(kind.rawValue), "reason": .string(reason), "message": .string(message),
            "source": ["component": .string(component)], "count": 1,
            "firstTimestamp": .string(now), "lastTimestamp": .string(now),
        ]
        do {
            _ = try await api.create(.events, namespace: namespace, event)
        } catch {
            // Events are best effort: anything but "it exists already" is dropped.
            guard error.code == .alreadyExists,
                let existing = try? await api.get(.events, namespace: namespace, name: eventName) else { return }
            let count = (existing["count"]?.intValue ?? 1) + 1
            var patch: JSONValue = ["count": .int(count), "lastTimestamp": .string(now)]
            if existing["message"]?.stringValue != message { patch["message"] = .string(message) }
            _ = try? await api.patch(.events, namespace: namespace, name: eventName, patch)
        }
    }

    /// Eight hex digits of FNV-1a over the parts: a stable, name-safe suffix.
    static func fingerprint(_ parts: String...) -> String {
        let hash = FNV1a.hash32(parts.joined(separator: "\u{1f}").utf8)
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }
}
