/// Values produced by code under test, read in order by the test as they arrive.
///
/// The test awaits the next value instead of waiting some time and hoping it is there.
final class EventLog<Value: Sendable>: Sendable {
    private let stream: AsyncStream<Value>
    private let continuation: AsyncStream<Value>.Continuation

    init() {
        (stream, continuation) = AsyncStream.makeStream(of: Value.self)
    }

    func record(_ value: Value) { continuation.yield(value) }

    func finish() { continuation.finish() }

    /// An iterator over the values, for one reading task.
    func reader() -> AsyncStream<Value>.Iterator { stream.makeAsyncIterator() }
}
