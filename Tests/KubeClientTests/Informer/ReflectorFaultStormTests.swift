import KubeObjects
import KubeSim
import SeededRandom
import Synchronization
import Testing

@testable import KubeClient

/// The reflector over the real transport against the in-process API server: whatever the server
/// does to its watches, the cache ends up equal to the server's state, and every handler has seen
/// each change exactly once, in order.
@Suite("Reflector against KubeSim", .timeLimit(.minutes(2)))
struct ReflectorFaultStormTests {
    @Test("the cache equals the server after dropped watches, 500s, compactions and a restart")
    func cacheConvergesAfterAFaultStorm() async throws {
        let server = KubeSimServer(configuration: KubeSimConfiguration(retainedChanges: 50))
        let port = try await server.start()
        defer { Task { await server.stop() } }
        let api = Self.api(port: port)
        // Short server-side watch timeouts: a connection that a restart leaves half-open is given
        // up after 5 s plus the idle margin, well inside the time limit, as it would be (after
        // 300 s) in production.
        let reflector = Reflector(
            api: api, resource: .configMaps, namespace: "default", pageSize: 7, watchTimeoutSeconds: 5,
            backoff: ReconnectBackoff(initial: .milliseconds(5), maximum: .milliseconds(40)))
        let mirror = HandlerMirror()
        await reflector.store.addHandler { change in mirror.apply(change) }
        let running = Task { await reflector.run() }
        defer { running.cancel() }

        var random = SplitMix64(seed: 20261123)
        for round in 0..<12 {
            for _ in 0..<15 { try await Self.randomWrite(api, &random) }
            switch round % 4 {
            case 0: await server.dropAllWatches()
            case 1: await server.injectFault(.internalError, count: 3, matching: RequestMatcher(method: "GET"))
            case 2: await server.compact(); await server.dropAllWatches()
            default:
                await server.stop()
                for _ in 0..<3 { _ = try? await Self.randomWriteWhileDown(api, &random) }
                try await server.start()
            }
        }
        await server.clearFaults()
        for _ in 0..<10 { try await Self.randomWrite(api, &random) }

        let expected = try await Self.serverContents(api)
        try await Self.waitUntil { await Self.contents(of: reflector.store) == expected }
        #expect(await Self.contents(of: reflector.store) == expected)
        #expect(mirror.contents == expected, "handlers missed a change")
        #expect(mirror.counts.addedTwice == 0, "handlers heard of an object's creation twice")
        #expect(await reflector.store.hasSynced)
    }

    @Test("a relist after 410 reports only the differences to handlers")
    func relistReportsDifferences() async throws {
        let server = KubeSimServer(configuration: KubeSimConfiguration(retainedChanges: 5))
        let port = try await server.start()
        defer { Task { await server.stop() } }
        let api = Self.api(port: port)
        for index in 0..<4 { _ = try await api.create(.configMaps, namespace: "default", Self.configMap("cm-\(index)", "0")) }
        let reflector = Reflector(
            api: api, resource: .configMaps, namespace: "default",
            backoff: ReconnectBackoff(initial: .milliseconds(5), maximum: .milliseconds(40)))
        let mirror = HandlerMirror()
        await reflector.store.addHandler { change in mirror.apply(change) }
        let running = Task { await reflector.run() }
        defer { running.cancel() }
        try await reflector.store.waitUntilSynced()
        try await Self.waitUntil { await server.openWatchCount > 0 }
        let addsAfterFirstList = mirror.counts.added

        // Keep the reflector away (every watch request fails), change things behind its back,
        // and compact, so that its resume point is gone when it gets back.
        await server.injectFault(.internalError, count: 1_000_000, matching: RequestMatcher(isWatch: true))
        await server.dropAllWatches()
        _ = try await api.patch(.configMaps, namespace: "default", name: "cm-1", ["data": ["v": "1"]])
        try await api.delete(.configMaps, namespace: "default", name: "cm-2")
        await server.compact()
        await server.clearFaults()
        try await Self.waitUntil { await Self.contents(of: reflector.store) == (try await Self.serverContents(api)) }

        #expect(mirror.counts.added == addsAfterFirstList, "a relist re-announced objects that had not changed")
        #expect(mirror.counts.updated == 1)
        #expect(mirror.counts.deleted == 1)
    }

    // MARK: Support

    static func api(port: Int) -> KubeAPI {
        KubeAPI(
            transport: CurlTransport(server: ServerURL(scheme: .http, host: "127.0.0.1", port: port)),
            retryPolicy: RetryPolicy(initialBackoff: .milliseconds(5), maximumBackoff: .milliseconds(40)))
    }

    static func configMap(_ name: String, _ value: String) -> JSONValue {
        ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": .string(name)], "data": ["v": .string(value)]]
    }

    /// Creates, changes or deletes one of 20 ConfigMaps at random.
    static func randomWrite(_ api: KubeAPI, _ random: inout SplitMix64) async throws {
        let write = RandomWrite(&random)
        try await write.perform(api)
    }

    /// A write attempted while the server is down fails; it must not change what converges.
    static func randomWriteWhileDown(_ api: KubeAPI, _ random: inout SplitMix64) async throws {
        let name = "cm-\(Int.random(in: 0..<20, using: &random))"
        _ = try await KubeAPI(transport: api.transport, retryPolicy: .never)
            .create(.configMaps, namespace: "default", configMap(name, "down"))
    }

    static func serverContents(_ api: KubeAPI) async throws -> [String: String] {
        let page = try await api.list(.configMaps, namespace: "default")
        return Dictionary(uniqueKeysWithValues: page.items.map(Self.entry))
    }

    static func contents(of store: Store) async -> [String: String] {
        Dictionary(uniqueKeysWithValues: await store.snapshot().objects.map(Self.entry))
    }

    static func entry(_ object: JSONValue) -> (String, String) {
        (object[path: ["metadata", "name"]]?.stringValue ?? "?", object[path: ["data", "v"]]?.stringValue ?? "")
    }

    /// Polls `condition` until it holds; the suite's time limit bounds the wait.
    static func waitUntil(_ condition: () async throws -> Bool) async throws {
        while try await !condition() { try await Task.sleep(for: .milliseconds(10)) }
    }
}

/// One random write, drawn before any suspension point.
struct RandomWrite {
    var name: String
    var value: String
    var kind: Int

    init(_ random: inout SplitMix64) {
        name = "cm-\(Int.random(in: 0..<20, using: &random))"
        value = String(Int.random(in: 0..<1000, using: &random))
        kind = Int.random(in: 0..<3, using: &random)
    }

    func perform(_ api: KubeAPI) async throws {
        do {
            try await send(api)
        } catch {
            // alreadyExists / notFound: the random choice did not fit the current state, which is
            // still well defined. Anything else fails the test.
            guard error.code == .alreadyExists || error.code == .notFound else { throw error }
        }
    }

    private func send(_ api: KubeAPI) async throws(KubeAPIError) {
        switch kind {
        case 0: _ = try await api.create(.configMaps, namespace: "default", ReflectorFaultStormTests.configMap(name, value))
        case 1: _ = try await api.patch(.configMaps, namespace: "default", name: name, ["data": ["v": .string(value)]])
        default: try await api.delete(.configMaps, namespace: "default", name: name)
        }
    }
}

/// What a handler reconstructs from the changes it hears: equal to the store only if every change
/// arrived once and in order.
final class HandlerMirror: Sendable {
    struct Counts { var added = 0, updated = 0, deleted = 0, addedTwice = 0 }
    private let state = Mutex(([String: String](), Counts()))

    func apply(_ change: StoreChange) {
        state.withLock { state in
            switch change {
            case .added(_, let object):
                let (name, value) = ReflectorFaultStormTests.entry(object)
                if state.0[name] != nil { state.1.addedTwice += 1 }
                state.0[name] = value
                state.1.added += 1
            case .updated(_, _, let new):
                let (name, value) = ReflectorFaultStormTests.entry(new)
                state.0[name] = value
                state.1.updated += 1
            case .deleted(_, let object):
                state.0[ReflectorFaultStormTests.entry(object).0] = nil
                state.1.deleted += 1
            }
        }
    }

    var contents: [String: String] { state.withLock { $0.0 } }
    var counts: Counts { state.withLock { $0.1 } }
}
