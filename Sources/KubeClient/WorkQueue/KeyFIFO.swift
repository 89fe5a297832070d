/// A first-in, first-out list of keys with O(1) amortised push and pop.
///
/// Popped slots are reclaimed in bulk once they make up half the storage, so a queue that is
/// drained and refilled forever does not grow.
struct KeyFIFO: Sendable {
    private var storage: [ObjectKey] = []
    private var head = 0

    var count: Int { storage.count - head }
    var isEmpty: Bool { head == storage.count }

    mutating func append(_ key: ObjectKey) { storage.append(key) }

    mutating func popFirst() -> ObjectKey? {
        guard head < storage.count else { return nil }
        let key = storage[head]
        head += 1
        if head == storage.count {
            storage.removeAll(keepingCapacity: true)
            head = 0
        } else if head >= 64 && head * 2 >= storage.count {
            storage.removeFirst(head)
            head = 0
        }
        return key
    }
}
