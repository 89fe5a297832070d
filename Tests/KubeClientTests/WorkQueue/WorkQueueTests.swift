import Testing

@testable import KubeClient

@Suite("Work queue")
struct WorkQueueTests {
    let clock = ManualClock()
    let a = ObjectKey(namespace: "default", name: "a")
    let b = ObjectKey(namespace: "default", name: "b")
    let c = ObjectKey(namespace: "default", name: "c")

    func makeQueue() -> WorkQueue { WorkQueue(clock: clock) }

    @Test("Adding a key that is already queued does not queue it twice")
    func dedupe() async {
        let queue = makeQueue()
        await queue.add(a)
        await queue.add(b)
        await queue.add(a)
        #expect(await queue.depth == 2)
        #expect(await queue.next() == a)
        #expect(await queue.next() == b)
        #expect(await queue.depth == 0)
    }

    @Test("A key added while a worker holds it is not handed out, and comes back once after done")
    func addWhileProcessingRequeuesOnce() async {
        let queue = makeQueue()
        await queue.add(a)
        #expect(await queue.next() == a)
        await queue.add(a)
        await queue.add(a)
        #expect(await queue.depth == 0)
        await queue.add(b)
        #expect(await queue.next() == b)
        await queue.done(a)
        #expect(await queue.depth == 1)
        #expect(await queue.next() == a)
        await queue.done(a)
        #expect(await queue.depth == 0)
    }

    @Test("A second worker waiting for work gets a held key only after the first is done with it")
    func heldKeyGoesToTheNextWorkerAfterDone() async {
        let queue = makeQueue()
        await queue.add(a)
        #expect(await queue.next() == a)
        await queue.add(a)
        let second = Task { await queue.next() }
        await queue.done(a)
        #expect(await second.value == a)
    }

    @Test("Of two delayed adds of one key, the earlier deadline wins, whichever came first")
    func earlierDeadlineWins() async {
        for order in [[10, 5], [5, 10]] {
            let clock = ManualClock()
            let queue = WorkQueue(clock: clock)
            for seconds in order { await queue.add(a, after: .seconds(seconds)) }
            clock.advance(by: .seconds(5) - .milliseconds(1))
            #expect(await queue.depth == 0)
            clock.advance(by: .milliseconds(1))
            #expect(await queue.depth == 1)
            #expect(await queue.next() == a)
            await queue.done(a)
            clock.advance(by: .seconds(10))
            #expect(await queue.depth == 0, "the later deadline must not fire as well")
        }
    }

    @Test("An immediate add cancels a pending delayed add of the same key")
    func immediateAddCancelsDelayed() async {
        let queue = makeQueue()
        await queue.add(a, after: .seconds(10))
        await queue.add(a)
        #expect(await queue.next() == a)
        await queue.done(a)
        clock.advance(by: .seconds(10))
        #expect(await queue.depth == 0)
        #expect(await queue.stats().delayed == 0)
    }

    @Test("A delayed add of a key that is already queued is dropped")
    func delayedAddOfQueuedKeyIsDropped() async {
        let queue = makeQueue()
        await queue.add(a)
        await queue.add(a, after: .seconds(1))
        #expect(await queue.stats().delayed == 0)
        #expect(await queue.next() == a)
        await queue.done(a)
        clock.advance(by: .seconds(1))
        #expect(await queue.depth == 0)
    }

    @Test("Keys are handed out in the order they became due")
    func dueOrder() async {
        let queue = makeQueue()
        await queue.add(a, after: .seconds(2))
        await queue.add(b, after: .seconds(1))
        await queue.add(c)
        clock.advance(by: .seconds(2))
        #expect(await queue.next() == c)
        #expect(await queue.next() == b)
        #expect(await queue.next() == a)
    }

    @Test("A worker waiting for work wakes when a delayed key falls due on virtual time")
    func waitingWorkerWakesOnTimer() async {
        let queue = makeQueue()
        let worker = Task { await queue.next() }
        await queue.add(a, after: .seconds(30))
        await clock.waitForSleepers(count: 1)
        clock.advance(by: .seconds(30))
        #expect(await worker.value == a)
    }

    @Test("An earlier delayed add re-arms the timer for the earlier deadline")
    func earlierAddRearmsTimer() async {
        let queue = makeQueue()
        await queue.add(a, after: .seconds(60))
        await queue.add(b, after: .seconds(5))
        #expect(await queue.stats().delayed == 2)
        let worker = Task { await queue.next() }
        clock.advance(by: .seconds(5))
        #expect(await worker.value == b)
        await queue.done(b)
        let nextWorker = Task { await queue.next() }
        clock.advance(to: .zero + .seconds(60))
        #expect(await nextWorker.value == a)
    }

    @Test("Rate-limited adds back off 5, 10, 20 ms for one key, and forget starts it over")
    func rateLimitedBackoffGrowsAndResets() async {
        let queue = makeQueue()
        var delays: [Duration] = []
        for _ in 0..<3 {
            delays.append(await queue.addRateLimited(a))
            clock.advance(by: delays.last!)
            #expect(await queue.next() == a)
            await queue.done(a)
        }
        #expect(delays == [.milliseconds(5), .milliseconds(10), .milliseconds(20)])
        #expect(await queue.failures(of: a) == 3)
        await queue.forget(a)
        #expect(await queue.addRateLimited(a) == .milliseconds(5))
        #expect(await queue.stats().retries == 4)
    }

    @Test("After shutdown the queued keys are still handed out, then nil; adds and delays are dropped")
    func shutdownDrains() async {
        let queue = makeQueue()
        await queue.add(a)
        await queue.add(b)
        await queue.add(c, after: .seconds(1))
        await queue.shutDown()
        await queue.add(c)
        clock.advance(by: .seconds(1))
        #expect(await queue.next() == a)
        #expect(await queue.next() == b)
        #expect(await queue.next() == nil)
        #expect(await queue.isShutDown)
        #expect(await queue.stats().delayed == 0)
    }

    @Test("A key re-added while held before shutdown is still handed out after its done")
    func shutdownKeepsDirtyHeldKeys() async {
        let queue = makeQueue()
        await queue.add(a)
        #expect(await queue.next() == a)
        await queue.add(a)
        await queue.shutDown()
        await queue.done(a)
        #expect(await queue.next() == a)
        await queue.done(a)
        #expect(await queue.next() == nil)
    }

    @Test("Shutting down wakes every worker waiting for work with nil")
    func shutdownWakesWaiters() async {
        let queue = makeQueue()
        let workers = (0..<3).map { _ in Task { await queue.next() } }
        await queue.shutDown()
        for worker in workers { #expect(await worker.value == nil) }
    }

    @Test("A worker whose task is cancelled stops waiting with nil, and the key stays for others")
    func cancelledWorkerGetsNil() async {
        let queue = makeQueue()
        let worker = Task { await queue.next() }
        worker.cancel()
        #expect(await worker.value == nil)
        await queue.add(a)
        #expect(await queue.next() == a)
    }

    @Test("Wait statistics count from when a key became due, including delayed keys' deadlines")
    func waitStatistics() async {
        let queue = makeQueue()
        await queue.add(a)
        await queue.add(b, after: .seconds(1))
        clock.advance(by: .seconds(3))
        await queue.add(c)
        #expect(await queue.longestWait == .seconds(3))
        #expect(await queue.waitTime(of: b) == .seconds(2))
        #expect(await queue.waitTime(of: c) == .zero)
        #expect(await queue.next() == a)
        #expect(await queue.next() == b)
        let stats = await queue.stats()
        #expect(stats.depth == 1 && stats.processing == 2 && stats.delayed == 0)
        #expect(stats.handedOut == 2 && stats.totalWait == .seconds(5) && stats.adds == 3)
        #expect(stats.longestWait == .zero)
    }
}
