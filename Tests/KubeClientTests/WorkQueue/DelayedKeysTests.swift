import Testing

@testable import KubeClient

@Suite("Delayed keys and key FIFO")
struct DelayedKeysTests {
    @Test("Random schedules and removals pop due keys in deadline order, as a plain dictionary would",
          arguments: [5, 6, 7] as [UInt64])
    func matchesReferenceModel(seed: UInt64) {
        var random = SeededRandomSource(seed: seed)
        var delayed = DelayedKeys()
        var model: [ObjectKey: ClockInstant] = [:]
        var now = ClockInstant.zero
        for _ in 0..<2000 {
            let key = ObjectKey(namespace: "default", name: "k\(Int.random(in: 0..<50, using: &random))")
            switch Int.random(in: 0..<10, using: &random) {
            case 0..<6:
                let deadline = now + .milliseconds(Int.random(in: 1...500, using: &random))
                let changed = delayed.schedule(key, at: deadline)
                #expect(changed == (model[key].map { deadline < $0 } ?? true))
                if changed { model[key] = deadline }
            case 6..<8:
                #expect(delayed.remove(key) == (model.removeValue(forKey: key) != nil))
            default:
                now = now + .milliseconds(Int.random(in: 0...200, using: &random))
                let due = delayed.popDue(at: now)
                let expected = model.filter { $0.value <= now }
                #expect(due.map(\.deadline) == due.map(\.deadline).sorted())
                #expect(Dictionary(uniqueKeysWithValues: due.map { ($0.key, $0.deadline) }) == expected)
                for key in expected.keys { model[key] = nil }
            }
            #expect(delayed.count == model.count)
            #expect(delayed.earliest() == model.values.min())
        }
    }

    @Test("The FIFO keeps order across the bulk reclaiming of popped slots")
    func fifoOrder() {
        var fifo = KeyFIFO()
        let keys = (0..<300).map { ObjectKey(namespace: nil, name: "k\($0)") }
        for key in keys.prefix(200) { fifo.append(key) }
        var popped: [ObjectKey] = []
        for _ in 0..<150 { popped.append(fifo.popFirst()!) }
        for key in keys.dropFirst(200) { fifo.append(key) }
        #expect(fifo.count == 150)
        while let key = fifo.popFirst() { popped.append(key) }
        #expect(popped == keys)
        #expect(fifo.isEmpty)
    }
}
