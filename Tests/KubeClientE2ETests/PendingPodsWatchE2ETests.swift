import KubeClient
import KubeObjects
import Testing

/// The watch auto-migration relies on (`fieldSelector=status.phase=Pending` on pods), against a
/// real kube-apiserver: a new pod is Pending, and a pod that starts running leaves the selection
/// as a DELETED event, which is how the controller's pending-pod cache forgets it.
@Suite("Pending-pod watch against a real kube-apiserver")
struct PendingPodsWatchE2ETests {
    static func pod(_ name: String, namespace: String) -> JSONValue {
        [
            "apiVersion": "v1", "kind": "Pod",
            "metadata": ["name": .string(name), "namespace": .string(namespace)],
            "spec": ["containers": [["name": "c", "image": "registry.invalid/flotilla/pause:3.2"]]],
        ]
    }

    @Test("new pods arrive as ADDED; one that starts running leaves as DELETED")
    func pendingSelection() async throws {
        try await E2ECluster.withNamespace("e2e-pending") { api, namespace in
            let selector = "status.phase=Pending"
            let page = try await api.list(.pods, namespace: namespace, options: ListOptions(fieldSelector: selector))
            #expect(page.items.isEmpty)
            let events = api.watch(
                .pods, namespace: namespace,
                options: WatchOptions(
                    resourceVersion: page.resourceVersion, allowBookmarks: false, fieldSelector: selector,
                    timeoutSeconds: 60))
            _ = try await api.create(.pods, Self.pod("waiting", namespace: namespace))
            var running = try await api.create(.pods, Self.pod("starting", namespace: namespace))
            #expect(running[path: ["status", "phase"]] == "Pending", "the API server makes new pods Pending")
            running["status"] = ["phase": "Running"]
            _ = try await api.updateSubresource(.pods, running, subresource: "status")

            var seen: [String] = []
            for try await event in events {
                switch event {
                case .added(let object): seen.append("ADDED \(object[path: ["metadata", "name"]]?.stringValue ?? "?")")
                case .modified(let object):
                    seen.append("MODIFIED \(object[path: ["metadata", "name"]]?.stringValue ?? "?")")
                case .deleted(let object):
                    seen.append("DELETED \(object[path: ["metadata", "name"]]?.stringValue ?? "?")")
                case .bookmark: continue
                case .gone(let status), .error(let status): seen.append("ERROR \(status)")
                }
                if seen.count == 3 { break }
            }
            #expect(seen == ["ADDED waiting", "ADDED starting", "DELETED starting"])
            let pending = try await api.list(.pods, namespace: namespace, options: ListOptions(fieldSelector: selector))
            #expect(pending.items.compactMap { $0[path: ["metadata", "name"]]?.stringValue } == ["waiting"])
        }
    }
}
