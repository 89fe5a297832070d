import KubeObjects
import Testing

@testable import KubeClient

@Suite("Store")
struct StoreTests {
    let a1 = kubeObject(name: "a", version: "1", labels: ["app": "web"])
    let b1 = kubeObject(name: "b", version: "2", labels: ["app": "web"])
    let c1 = kubeObject(namespace: "other", name: "c", version: "3", labels: ["app": "db"])

    /// A store whose handler records every change.
    func recordingStore() async -> (Store, Recorder<StoreChange>) {
        let store = Store()
        let changes = Recorder<StoreChange>()
        await store.addHandler { change in changes.append(change) }
        return (store, changes)
    }

    @Test("A relist replaces the contents in one step and reports only what differs")
    func relistReportsDifferences() async {
        let (store, changes) = await recordingStore()
        await store.apply(.restarted([a1, b1, c1]))
        changes.removeAll()
        let b2 = kubeObject(name: "b", version: "5")
        let d1 = kubeObject(name: "d", version: "6")
        await store.apply(.restarted([a1, b2, d1]))
        #expect(changes.all == [
            .deleted(key("other", "c"), c1),
            .updated(key("default", "b"), old: b1, new: b2),
            .added(key("default", "d"), d1),
        ])
        #expect(await store.snapshot().objects == [a1, b2, d1])
    }

    @Test("The store is synced from the first complete list, and waiting for sync returns then")
    func syncAfterFirstList() async throws {
        let store = Store()
        let waiter = Task { try await store.waitUntilSynced() }
        await store.apply(.applied(a1))
        #expect(await store.hasSynced == false)
        #expect(await store.snapshot().hasSynced == false)
        await store.apply(.restarted([a1]))
        try await waiter.value
        #expect(await store.hasSynced)
        try await store.waitUntilSynced()
    }

    @Test("A cancelled wait for sync throws CancellationError")
    func cancelledSyncWait() async {
        let store = Store()
        let waiter = Task { try await store.waitUntilSynced() }
        waiter.cancel()
        await #expect(throws: CancellationError.self) { try await waiter.value }
    }

    @Test("Handlers get the new object for additions, old and new for updates, the last state for deletions")
    func handlerChanges() async {
        let (store, changes) = await recordingStore()
        await store.apply(.restarted([]))
        let a2 = kubeObject(name: "a", version: "7", labels: ["app": "api"])
        let a3 = kubeObject(name: "a", version: "8")
        await store.apply(.applied(a1))
        await store.apply(.applied(a2))
        await store.apply(.deleted(a3))
        await store.apply(.deleted(a3))
        #expect(changes.all == [
            .added(key("default", "a"), a1),
            .updated(key("default", "a"), old: a1, new: a2),
            .deleted(key("default", "a"), a3),
        ])
        #expect(changes.all.map(\.object) == [a1, a2, a3])
        #expect(await store.snapshot().isEmpty)
    }

    @Test("Applying an object with the stored resourceVersion changes nothing and notifies nobody")
    func sameVersionIsNotAChange() async {
        let (store, changes) = await recordingStore()
        await store.apply(.restarted([a1]))
        let sameVersionOtherContent = kubeObject(name: "a", version: "1", payload: "ignored")
        await store.apply(.applied(sameVersionOtherContent))
        #expect(changes.all.count == 1)
        #expect(await store.object(for: key("default", "a")) == a1)
    }

    @Test("A snapshot does not change when the store does")
    func snapshotsAreImmutable() async {
        let store = Store()
        await store.apply(.restarted([a1, b1]))
        let before = await store.snapshot()
        await store.apply(.deleted(b1))
        await store.apply(.applied(c1))
        #expect(before.keys == [key("default", "a"), key("default", "b")])
        #expect(before.index(label: "app") == ["web": [key("default", "a"), key("default", "b")]])
        #expect(await store.snapshot().keys == [key("default", "a"), key("other", "c")])
    }

    @Test("Snapshots look objects up by namespace and name, by namespace, and by label value")
    func lookups() async {
        let store = Store()
        let node = kubeObject(namespace: nil, name: "node-1", version: "4", labels: ["app": "web"])
        await store.apply(.restarted([a1, b1, c1, node]))
        let snapshot = await store.snapshot()
        #expect(snapshot.count == 4)
        #expect(snapshot.object(namespace: "default", name: "b") == b1)
        #expect(snapshot.object(namespace: nil, name: "node-1") == node)
        #expect(snapshot[key("other", "c")] == c1)
        #expect(snapshot.object(namespace: "default", name: "missing") == nil)
        #expect(snapshot.objects(inNamespace: "default") == [a1, b1])
        #expect(snapshot.objects(inNamespace: nil) == [node])
        #expect(snapshot.objects(labeled: "app", "web") == [node, a1, b1])
        #expect(snapshot.index(label: "app") == [
            "web": [key(nil, "node-1"), key("default", "a"), key("default", "b")],
            "db": [key("other", "c")],
        ])
        #expect(snapshot.index(label: "missing").isEmpty)
    }

    @Test("A store told which labels to index indexes only those, across relists and updates")
    func indexesOnlyTheNamedLabels() async {
        let store = Store(indexedLabels: ["policy"])
        let a = kubeObject(name: "a", version: "1", labels: ["policy": "p", "app": "a"])
        let b = kubeObject(name: "b", version: "2", labels: ["policy": "p", "app": "b"])
        await store.apply(.restarted([a, b]))
        await store.apply(.applied(kubeObject(name: "c", version: "3", labels: ["policy": "q", "app": "c"])))
        let snapshot = await store.snapshot()
        #expect(snapshot.index(label: "policy") == ["p": [key("default", "a"), key("default", "b")], "q": [key("default", "c")]])
        #expect(snapshot.index(label: "app").isEmpty)
        #expect(snapshot.objects(labeled: "policy", "p") == [a, b])
    }

    @Test("The label index follows label changes and deletions")
    func labelIndexFollowsChanges() async {
        let store = Store()
        await store.apply(.restarted([a1, b1]))
        await store.apply(.applied(kubeObject(name: "a", version: "9", labels: ["app": "db"])))
        await store.apply(.deleted(b1))
        let index = await store.snapshot().index(label: "app")
        #expect(index == ["db": [key("default", "a")]])
    }

    @Test("Keys carry the store's resource")
    func keysCarryResource() async {
        let deployments = GroupResource(group: "apps", resource: "deployments")
        let store = Store(resource: deployments)
        await store.apply(.restarted([a1]))
        let snapshot = await store.snapshot()
        #expect(snapshot.keys == [ObjectKey(resource: deployments, namespace: "default", name: "a")])
        #expect(snapshot.object(namespace: "default", name: "a") == a1)
        #expect(snapshot[key("default", "a")] == nil, "a key for another resource finds nothing")
    }

    @Test("A handler added late first hears about the objects already there, and only it does")
    func lateHandlerReplay() async {
        let (store, early) = await recordingStore()
        await store.apply(.restarted([a1, b1]))
        let late = Recorder<StoreChange>()
        await store.addHandler { change in late.append(change) }
        #expect(late.all == [.added(key("default", "a"), a1), .added(key("default", "b"), b1)])
        #expect(early.all.count == 2)
    }

    @Test("Changes reach handlers that enqueue them into a work queue, as controllers use it")
    func handlersFeedAWorkQueue() async {
        let store = Store()
        let queue = WorkQueue(clock: ManualClock())
        await store.addHandler { change in await queue.add(change.key) }
        await store.apply(.restarted([a1, b1]))
        await store.apply(.applied(kubeObject(name: "a", version: "10")))
        #expect(await queue.depth == 2)
        #expect(await queue.next() == key("default", "a"))
        #expect(await queue.next() == key("default", "b"))
    }

    @Test("Objects without a name are ignored")
    func namelessObjectsIgnored() async {
        let store = Store()
        await store.apply(.restarted([["metadata": ["namespace": "default"]], a1]))
        await store.apply(.applied(["metadata": [:]]))
        #expect(await store.snapshot().count == 1)
    }
}
