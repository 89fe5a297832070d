import KubeObjects
import Testing

@testable import KubeClient

@Suite("Watch state machine")
struct WatchStateMachineTests {
    let a = kubeObject(name: "a", version: "4")
    let b = kubeObject(name: "b", version: "7")
    let c = kubeObject(name: "c", version: "9")

    func makeMachine(pageSize: Int? = 2) -> WatchStateMachine {
        WatchStateMachine(pageSize: pageSize, backoff: ReconnectBackoff(random: SeededRandomSource(seed: 1)))
    }

    /// A machine that has listed `a` at resourceVersion 10 and is watching from there.
    func watchingMachine() -> WatchStateMachine {
        var machine = makeMachine()
        _ = machine.start()
        _ = machine.listPageReceived(ListPage(items: [a], resourceVersion: "10"))
        return machine
    }

    func expectBackoff(_ actions: [WatchAction], within range: ClosedRange<Duration>,
                       sourceLocation: SourceLocation = #_sourceLocation) {
        guard actions.count == 1, case .backoff(let wait) = actions[0] else {
            Issue.record("expected one backoff, got \(actions)", sourceLocation: sourceLocation)
            return
        }
        #expect(range.contains(wait), "\(wait) outside \(range)", sourceLocation: sourceLocation)
    }

    @Test("A paged list is emitted whole after its last page, then a watch starts from the list's version")
    func pagedListThenWatch() {
        var machine = makeMachine()
        #expect(machine.phase == .empty)
        #expect(machine.start() == [.list(continue: nil, limit: 2)])
        #expect(machine.phase == .listing)
        #expect(machine.listPageReceived(ListPage(items: [a, b], resourceVersion: "10", continueToken: "p2"))
            == [.list(continue: "p2", limit: 2)])
        #expect(machine.resourceVersion == nil)
        #expect(machine.listPageReceived(ListPage(items: [c], resourceVersion: "10", continueToken: ""))
            == [.emit(.restarted([a, b, c])), .watch(fromResourceVersion: "10", allowBookmarks: true)])
        #expect(machine.phase == .watching(resourceVersion: "10"))
    }

    @Test("Events and bookmarks move the resume point, and a disconnect resumes from the bookmark")
    func bookmarkThenDisconnect() {
        var machine = watchingMachine()
        let d = kubeObject(name: "d", version: "11")
        #expect(machine.eventReceived(.added(d)) == [.emit(.applied(d))])
        #expect(machine.resourceVersion == "11")
        #expect(machine.eventReceived(.bookmark(resourceVersion: "15")) == [])
        #expect(machine.resourceVersion == "15")
        expectBackoff(machine.requestFailed(.other), within: .milliseconds(400)...(.milliseconds(800)))
        #expect(machine.phase == .backingOff)
        #expect(machine.resourceVersion == "15")
        #expect(machine.backoffElapsed() == [.watch(fromResourceVersion: "15", allowBookmarks: true)])
    }

    @Test("Modified and deleted events are emitted as applied and deleted")
    func modifiedAndDeleted() {
        var machine = watchingMachine()
        let changed = kubeObject(name: "a", version: "12")
        let gone = kubeObject(name: "a", version: "13")
        #expect(machine.eventReceived(.modified(changed)) == [.emit(.applied(changed))])
        #expect(machine.eventReceived(.deleted(gone)) == [.emit(.deleted(gone))])
        #expect(machine.resourceVersion == "13")
    }

    @Test("410 Gone during a watch relists from scratch, and events from the old stream are ignored")
    func goneRelists() {
        var machine = watchingMachine()
        #expect(machine.eventReceived(.gone(APIStatus(code: 410, reason: "Expired"))) == [.list(continue: nil, limit: 2)])
        #expect(machine.phase == .relisting)
        #expect(machine.resourceVersion == nil)
        #expect(machine.eventReceived(.added(b)) == [])
        #expect(machine.watchEnded() == [])
        #expect(machine.listPageReceived(ListPage(items: [b, c], resourceVersion: "30"))
            == [.emit(.restarted([b, c])), .watch(fromResourceVersion: "30", allowBookmarks: true)])
    }

    @Test("410 Gone for a continue token restarts the list and drops the pages already read")
    func expiredContinueTokenRestartsList() {
        var machine = makeMachine()
        _ = machine.start()
        _ = machine.listPageReceived(ListPage(items: [a, b], resourceVersion: "10", continueToken: "p2"))
        #expect(machine.requestFailed(.gone) == [.list(continue: nil, limit: 2)])
        #expect(machine.listPageReceived(ListPage(items: [c], resourceVersion: "20"))
            == [.emit(.restarted([c])), .watch(fromResourceVersion: "20", allowBookmarks: true)])
    }

    @Test("A failed page is retried with the same continue token after a backoff, keeping earlier pages")
    func failedPageRetried() {
        var machine = makeMachine()
        _ = machine.start()
        _ = machine.listPageReceived(ListPage(items: [a, b], resourceVersion: "10", continueToken: "p2"))
        expectBackoff(machine.requestFailed(.other), within: .milliseconds(400)...(.milliseconds(800)))
        #expect(machine.backoffElapsed() == [.list(continue: "p2", limit: 2)])
        #expect(machine.listPageReceived(ListPage(items: [c], resourceVersion: "10")).first == .emit(.restarted([a, b, c])))
    }

    @Test("Inputs that do not belong to the current request are ignored")
    func strayInputsIgnored() {
        var machine = makeMachine()
        #expect(machine.eventReceived(.added(a)) == [])
        #expect(machine.listPageReceived(ListPage(items: [a], resourceVersion: "1")) == [])
        #expect(machine.watchEnded() == [])
        #expect(machine.backoffElapsed() == [])
        #expect(machine.requestFailed(.other) == [])
        #expect(machine.phase == .empty)
        _ = machine.start()
        #expect(machine.start() == [])
        #expect(machine.eventReceived(.added(a)) == [])
        #expect(machine.watchEnded() == [])
        #expect(machine.backoffElapsed() == [])
        _ = machine.listPageReceived(ListPage(items: [a], resourceVersion: "10"))
        #expect(machine.listPageReceived(ListPage(items: [b], resourceVersion: "11")) == [])
        #expect(machine.backoffElapsed() == [])
        _ = machine.requestFailed(.other)
        #expect(machine.eventReceived(.added(b)) == [])
        #expect(machine.requestFailed(.gone) == [])
    }

    @Test("Backoff grows across consecutive failures and starts over after an event")
    func backoffGrowsAndResets() {
        var machine = watchingMachine()
        expectBackoff(machine.requestFailed(.other), within: .milliseconds(400)...(.milliseconds(800)))
        _ = machine.backoffElapsed()
        expectBackoff(machine.requestFailed(.other), within: .milliseconds(800)...(.milliseconds(1600)))
        _ = machine.backoffElapsed()
        expectBackoff(machine.eventReceived(.error(APIStatus(code: 500))), within: .milliseconds(1600)...(.milliseconds(3200)))
        #expect(machine.backoffElapsed() == [.watch(fromResourceVersion: "10", allowBookmarks: true)])
        _ = machine.eventReceived(.bookmark(resourceVersion: "12"))
        expectBackoff(machine.requestFailed(.other), within: .milliseconds(400)...(.milliseconds(800)))
    }

    @Test("A watch that ends after delivering something resumes at once; one that delivered nothing backs off")
    func cleanEnd() {
        var machine = watchingMachine()
        _ = machine.eventReceived(.bookmark(resourceVersion: "12"))
        #expect(machine.watchEnded() == [.watch(fromResourceVersion: "12", allowBookmarks: true)])
        expectBackoff(machine.watchEnded(), within: .milliseconds(400)...(.milliseconds(800)))
        #expect(machine.backoffElapsed() == [.watch(fromResourceVersion: "12", allowBookmarks: true)])
    }

    @Test("An event without a resourceVersion is applied but leaves the resume point where it was")
    func eventWithoutVersion() {
        var machine = watchingMachine()
        let bare: JSONValue = ["metadata": ["name": "x", "namespace": "default"]]
        #expect(machine.eventReceived(.added(bare)) == [.emit(.applied(bare))])
        #expect(machine.resourceVersion == "10")
    }

    @Test("Without a page size the list is asked for in one request")
    func unpagedList() {
        var machine = makeMachine(pageSize: nil)
        #expect(machine.start() == [.list(continue: nil, limit: nil)])
    }
}
