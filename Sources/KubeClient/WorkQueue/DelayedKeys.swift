/// Keys waiting for a deadline, at most one deadline per key, earliest first.
///
/// A binary min-heap ordered by (deadline, insertion order) with lazy deletion: replacing or
/// removing a key's deadline leaves its old heap entry behind, and entries that no longer match
/// `deadlines` are skipped when they reach the top. The heap is rebuilt when stale entries
/// outnumber live ones, so memory stays proportional to the keys actually waiting.
struct DelayedKeys: Sendable {
    private struct Entry: Sendable {
        var deadline: ClockInstant
        var sequence: UInt64
        var key: ObjectKey

        func precedes(_ other: Entry) -> Bool { (deadline, sequence) < (other.deadline, other.sequence) }
    }

    private var heap: [Entry] = []
    private var deadlines: [ObjectKey: ClockInstant] = [:]
    private var nextSequence: UInt64 = 0

    var count: Int { deadlines.count }

    func deadline(of key: ObjectKey) -> ClockInstant? { deadlines[key] }

    /// Schedules `key` at `deadline` unless it is already scheduled no later; returns whether the
    /// schedule changed.
    mutating func schedule(_ key: ObjectKey, at deadline: ClockInstant) -> Bool {
        if let existing = deadlines[key], existing <= deadline { return false }
        deadlines[key] = deadline
        push(Entry(deadline: deadline, sequence: nextSequence, key: key))
        nextSequence += 1
        compactIfMostlyStale()
        return true
    }

    /// Unschedules `key`; returns whether it was scheduled.
    mutating func remove(_ key: ObjectKey) -> Bool {
        guard deadlines.removeValue(forKey: key) != nil else { return false }
        compactIfMostlyStale()
        return true
    }

    mutating func removeAll() {
        heap.removeAll()
        deadlines.removeAll()
    }

    /// The earliest live deadline.
    mutating func earliest() -> ClockInstant? {
        dropStaleTop()
        return heap.first?.deadline
    }

    /// Removes and returns, earliest first, the keys whose deadline is at or before `now`.
    mutating func popDue(at now: ClockInstant) -> [(key: ObjectKey, deadline: ClockInstant)] {
        var due: [(key: ObjectKey, deadline: ClockInstant)] = []
        while true {
            dropStaleTop()
            guard let top = heap.first, top.deadline <= now else { return due }
            popTop()
            deadlines[top.key] = nil
            due.append((top.key, top.deadline))
        }
    }

    // MARK: Heap

    private func isLive(_ entry: Entry) -> Bool { deadlines[entry.key] == entry.deadline }

    private mutating func dropStaleTop() {
        while let top = heap.first, !isLive(top) { popTop() }
    }

    private mutating func compactIfMostlyStale() {
        guard heap.count > 32, heap.count > 2 * deadlines.count else { return }
        var seen: Set<ObjectKey> = []
        // A key removed and then scheduled again at the same instant has two matching entries.
        heap = heap.filter { isLive($0) && seen.insert($0.key).inserted }
        for index in stride(from: heap.count / 2 - 1, through: 0, by: -1) { siftDown(index) }
    }

    private mutating func push(_ entry: Entry) {
        heap.append(entry)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].precedes(heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func popTop() {
        heap.swapAt(0, heap.count - 1)
        heap.removeLast()
        if !heap.isEmpty { siftDown(0) }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < heap.count, heap[left].precedes(heap[smallest]) { smallest = left }
            if right < heap.count, heap[right].precedes(heap[smallest]) { smallest = right }
            guard smallest != parent else { return }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
