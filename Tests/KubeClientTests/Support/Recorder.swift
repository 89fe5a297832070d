import Synchronization

/// Values recorded from any task, read back by the test once the recording code has returned.
final class Recorder<Value: Sendable>: Sendable {
    private let values = Mutex<[Value]>([])

    func append(_ value: Value) { values.withLock { $0.append(value) } }

    func removeAll() { values.withLock { $0.removeAll() } }

    var all: [Value] { values.withLock { $0 } }
}
