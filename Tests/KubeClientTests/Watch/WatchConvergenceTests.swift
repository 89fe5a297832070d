import KubeObjects
import Testing

@testable import KubeClient

@Suite("Watching a simulated server")
struct WatchConvergenceTests {
    @Test("410 Gone mid-watch relists; the store keeps the old list until the new one swaps in, then equals the server")
    func goneMidWatchRelists() async {
        var server = SimulatedAPIServer()
        let keys = (0..<5).map { _ in server.create() }
        let changes = Recorder<StoreChange>()
        let store = Store()
        await store.addHandler { change in changes.append(change) }
        var harness = WatchHarness(server: server, pageSize: 2, seed: 9, store: store)
        await harness.start()
        for _ in 0..<3 { await harness.step(chaos: false) }  // three pages of two
        #expect(harness.phase == .watching(resourceVersion: "5"))
        #expect(await store.hasSynced)

        harness.server.update(keys[0])
        harness.server.delete(keys[1])
        await harness.step(chaos: false)  // the watch delivers both changes, then ends
        #expect(await harness.storeContents() == harness.server.objects)

        let created = harness.server.create()
        harness.server.update(keys[2])
        harness.server.delete(keys[3])
        harness.server.compact()
        let before = await harness.storeContents()
        changes.removeAll()
        await harness.step(chaos: false)  // the watch from before the compaction gets 410
        #expect(harness.phase == .relisting)
        #expect(harness.relists == 1)
        await harness.step(chaos: false)  // first page of the relist
        #expect(await harness.storeContents() == before, "a partial relist must not show")
        await harness.settle()
        #expect(await harness.storeContents() == harness.server.objects)
        #expect(changes.all.map(\.key).sorted() == [keys[2], keys[3], created].sorted())
    }

    @Test("A storm of dropped watches at random points ends with the store equal to the server",
          arguments: [1, 2, 3] as [UInt64])
    func stormOfDisconnects(seed: UInt64) async {
        var random = SeededRandomSource(seed: seed)
        var server = SimulatedAPIServer()
        for _ in 0..<12 { server.create(labels: ["tier": "gold"]) }
        var harness = WatchHarness(server: server, pageSize: 3, seed: seed)
        await harness.start()
        for _ in 0..<1000 {
            for _ in 0..<Int.random(in: 0...3, using: &random) { harness.server.randomChange(using: &random) }
            if Int.random(in: 0..<100, using: &random) < 3 { harness.server.compact() }
            await harness.step(chaos: true)
        }
        await harness.settle()
        #expect(harness.disconnects >= 200, "only \(harness.disconnects) disconnects")
        #expect(harness.relists >= 5, "only \(harness.relists) relists after 410")
        #expect(WatchHarness.difference(await harness.storeContents(), harness.server.objects) == [])
        let snapshot = await harness.store.snapshot()
        let gold = harness.server.objects.filter { $0.value[path: ["metadata", "labels", "tier"]] == "gold" }
        #expect(snapshot.index(label: "tier")["gold", default: []] == gold.keys.sorted())
    }
}
