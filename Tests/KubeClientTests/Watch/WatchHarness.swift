import KubeObjects
import Testing

@testable import KubeClient

/// A driver for `WatchStateMachine` against a `SimulatedAPIServer`, feeding a `Store`: what the
/// real list-and-watch loop will do, minus sockets and time.
///
/// Watch responses go through `WatchEventDecoder` as bytes, in random chunks, so a disconnect can
/// fall anywhere, mid-line included. In chaos mode requests fail at random: lists with an error,
/// watches cut at a random byte or answered with a 500 ERROR event.
///
/// After every step it checks the watcher's guarantees against the server's history: no
/// (object, resourceVersion) applied twice, the resume point never going back, and the store
/// equal to the server's state at the resume point.
struct WatchHarness {
    var server: SimulatedAPIServer
    private(set) var machine: WatchStateMachine
    let store: Store
    private var random: SeededRandomSource
    /// The request the machine is waiting on.
    private var pending: WatchAction?
    private var applied: Set<String> = []
    private var lastResumePoint = 0
    private(set) var disconnects = 0
    private(set) var relists = 0

    init(server: SimulatedAPIServer, pageSize: Int?, seed: UInt64, store: Store = Store()) {
        self.server = server
        self.machine = WatchStateMachine(pageSize: pageSize, backoff: ReconnectBackoff(random: SeededRandomSource(seed: seed)))
        self.store = store
        self.random = SeededRandomSource(seed: seed &+ 1)
    }

    var phase: WatchStateMachine.Phase { machine.phase }

    mutating func start() async {
        await perform(machine.start())
    }

    /// Answers the pending request.
    mutating func step(chaos: Bool) async {
        guard let request = pending else { return }
        pending = nil
        switch request {
        case .list(let token, let limit):
            if chaos && chance(10) {
                await perform(machine.requestFailed(.other))
            } else if let page = server.list(limit: limit, continue: token) {
                await perform(machine.listPageReceived(page))
            } else {
                await perform(machine.requestFailed(.gone))
            }
        case .watch(let version, let allowBookmarks):
            #expect(allowBookmarks)
            await streamWatch(from: version, chaos: chaos)
        case .backoff:
            await perform(machine.backoffElapsed())
        case .emit:
            Issue.record("an emit is never pending")
        }
        await checkInvariants()
    }

    /// Steps without chaos until the watcher has caught up with the server.
    mutating func settle() async {
        for _ in 0..<50 {
            if case .watching(let version) = machine.phase, version == String(server.version) { return }
            await step(chaos: false)
        }
        Issue.record("the watcher did not catch up: \(machine.phase), server at \(server.version)")
    }

    /// The store's contents, as the server keys them.
    func storeContents() async -> [ObjectKey: JSONValue] {
        let snapshot = await store.snapshot()
        return Dictionary(uniqueKeysWithValues: snapshot.keys.map { ($0, snapshot[$0]!) })
    }

    // MARK: Internals

    private mutating func streamWatch(from version: String, chaos: Bool) async {
        let bytes = server.watchResponse(from: version, bookmark: chance(50), failing: chaos && chance(5))
        let cut = chaos && chance(80) ? Int.random(in: 0...bytes.count, using: &random) : bytes.count
        var decoder = WatchEventDecoder()
        var position = 0
        while position < cut {
            let end = min(cut, position + Int.random(in: 1...300, using: &random))
            decoder.append(bytes[position..<end])
            position = end
            let stillWatching = await drain(&decoder)
            if !stillWatching { return }
        }
        if cut < bytes.count {
            disconnects += 1
            return await perform(machine.requestFailed(.other))
        }
        decoder.finish()
        let stillWatching = await drain(&decoder)
        if stillWatching { await perform(machine.watchEnded()) }
    }

    /// Hands the decoded events to the machine; false once it has moved on from this watch.
    private mutating func drain(_ decoder: inout WatchEventDecoder) async -> Bool {
        do {
            while let event = try decoder.next() {
                if case .gone = event { relists += 1 }
                await perform(machine.eventReceived(event))
                if pending != nil { return false }
            }
            return true
        } catch {
            Issue.record("the simulated server wrote an unreadable line: \(error)")
            return false
        }
    }

    private mutating func perform(_ actions: [WatchAction]) async {
        for action in actions {
            guard case .emit(let event) = action else {
                #expect(pending == nil, "one request at a time")
                pending = action
                continue
            }
            switch event {
            case .applied(let object), .deleted(let object):
                let id = "\(ObjectKey(object: object)!)@\(resourceVersion(of: object)!)"
                #expect(applied.insert(id).inserted, "\(id) applied twice")
            case .restarted:
                break
            }
            await store.apply(event)
        }
    }

    private mutating func checkInvariants() async {
        guard let version = machine.resourceVersion.flatMap({ Int($0) }) else { return }
        #expect(version >= lastResumePoint, "the resume point went back from \(lastResumePoint) to \(version)")
        lastResumePoint = version
        let difference = Self.difference(await storeContents(), server.state(at: version))
        #expect(difference.isEmpty, "the store differs from the server at \(version): \(difference)")
    }

    /// The keys whose objects differ, each with the two resourceVersions ("-" for absent).
    static func difference(_ store: [ObjectKey: JSONValue], _ server: [ObjectKey: JSONValue]) -> [String] {
        Set(store.keys).union(server.keys).sorted().compactMap { key in
            guard store[key] != server[key] else { return nil }
            let versions = [store[key], server[key]].map { $0.flatMap(resourceVersion(of:)) ?? "-" }
            return "\(key): store \(versions[0]), server \(versions[1])"
        }
    }

    private mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &random) < percent }
}
