import KubeObjects
import Testing

@testable import KubeSim

@Suite struct WatchTests {
    @Test func aWatchWithoutAResourceVersionStartsWithTheCurrentObjectsThenStreamsChanges() async throws {
        try await withSim { _, client in
            _ = try await client.send("POST", configMaps, body: configMap("old"))
            let events = try await client.watch(configMaps + "?watch=true")
            _ = try await client.send("POST", configMaps, body: configMap("new"))
            _ = try await client.send("DELETE", configMaps + "/old")
            let seen = try await events.take(3)
            #expect(seen.map { $0["type"]?.stringValue ?? "" } == ["ADDED", "ADDED", "DELETED"])
            #expect(seen.map { $0["object"]?.name ?? "" } == ["old", "new", "old"])
        }
    }

    @Test func aWatchResumesAfterTheGivenResourceVersion() async throws {
        try await withSim { _, client in
            let first = try await client.send("POST", configMaps, body: configMap("a")).json
            _ = try await client.send("POST", configMaps, body: configMap("b"))
            let version = try #require(first.resourceVersion)
            let events = try await client.watch(configMaps + "?watch=1&resourceVersion=\(version)")
            let seen = try await events.take(1)
            #expect(seen.first?["type"] == "ADDED")
            #expect(seen.first?["object"]?.name == "b")
        }
    }

    @Test func resumingFromBeforeTheRetainedHistoryIsA410ErrorEvent() async throws {
        try await withSim(KubeSimConfiguration(retainedChanges: 2)) { _, client in
            let first = try await client.send("POST", configMaps, body: configMap("a")).json
            for name in ["b", "c", "d"] { _ = try await client.send("POST", configMaps, body: configMap(name)) }
            let events = try await client.watch(configMaps + "?watch=true&resourceVersion=\(first.resourceVersion ?? "")")
            let seen = try await events.take(2)
            #expect(seen.count == 1)
            #expect(seen.first?["type"] == "ERROR")
            #expect(seen.first?[path: ["object", "code"]] == 410)
            #expect(seen.first?[path: ["object", "reason"]] == "Expired")
        }
    }

    @Test func watchesAskingForBookmarksGetThemWithTheCurrentResourceVersion() async throws {
        try await withSim(KubeSimConfiguration(bookmarkInterval: .milliseconds(20))) { server, client in
            let version = await server.resourceVersion
            let events = try await client.watch(
                configMaps + "?watch=true&allowWatchBookmarks=true&resourceVersion=\(version)")
            let bookmark = try #require(try await events.take(1).first)
            #expect(bookmark["type"] == "BOOKMARK")
            #expect(bookmark[path: ["object", "metadata", "resourceVersion"]]?.stringValue == version)
        }
    }

    @Test func selectorsTurnModificationsIntoAddedAndDeletedForTheWatch() async throws {
        try await withSim { server, client in
            let version = await server.resourceVersion
            let events = try await client.watch(configMaps + "?watch=true&labelSelector=on%3Dyes&resourceVersion=\(version)")
            _ = try await client.send("POST", configMaps, body: configMap("a", labels: ["on": "no"]))
            _ = try await client.send(
                "PATCH", configMaps + "/a", body: ["metadata": ["labels": ["on": "yes"]]],
                contentType: "application/merge-patch+json")
            _ = try await client.send(
                "PATCH", configMaps + "/a", body: ["metadata": ["labels": ["on": "no"]]],
                contentType: "application/merge-patch+json")
            let seen = try await events.take(2)
            #expect(seen.map { $0["type"]?.stringValue ?? "" } == ["ADDED", "DELETED"])
        }
    }

    @Test func timeoutSecondsEndsTheStream() async throws {
        try await withSim { _, client in
            let events = try await client.watch(configMaps + "?watch=true&timeoutSeconds=1&resourceVersion=1000000")
            #expect(try await events.take(5).isEmpty)
        }
    }

    @Test func droppingAllWatchesEndsOpenStreams() async throws {
        try await withSim { server, client in
            let events = try await client.watch(configMaps + "?watch=true&resourceVersion=1000000")
            while await server.openWatchCount == 0 { await Task.yield() }
            await server.dropAllWatches()
            #expect(try await events.take(1).isEmpty)
        }
    }
}
