import KubeObjects

/// Turns the bytes of a watch response, in whatever chunks the transport delivers them, into
/// `WatchEvent`s.
///
/// The API server writes one JSON object per line. Bytes are buffered as bytes until a line feed,
/// so a chunk boundary inside a multi-byte UTF-8 character or between `\r` and `\n` is harmless:
/// a line feed byte never occurs inside a UTF-8 sequence, and a trailing `\r` is dropped with the
/// line. Blank lines are skipped.
///
/// Usage: `append` each chunk, then call `next()` until it returns `nil`; at end of stream call
/// `finish()` and drain `next()` once more, for a last line without a line feed.
///
/// Caveats: after `next()` throws, the bad line has been consumed and decoding could go on, but
/// an event has been lost: the watch should be abandoned and resumed from the last good
/// resourceVersion.
public struct WatchEventDecoder: Sendable {
    private var buffer: [UInt8] = []
    /// Start of the unconsumed bytes in `buffer`.
    private var start = 0
    /// How far past `start` the buffer is known to hold no line feed.
    private var scanned = 0
    /// Stream offset of `buffer[0]`.
    private var bufferOffset = 0
    private var linesConsumed = 0
    private var isFinished = false

    public init() {}

    /// Bytes received but not yet part of a complete line.
    public var pendingByteCount: Int { buffer.count - start }

    /// Adds the next chunk of the response.
    public mutating func append(_ bytes: some Sequence<UInt8>) {
        precondition(!isFinished, "append after finish")
        if start > 0 {
            buffer.removeFirst(start)
            bufferOffset += start
            scanned -= start
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// Marks the end of the response: a last line without a line feed becomes decodable.
    public mutating func finish() { isFinished = true }

    /// The next complete event, or `nil` when more bytes are needed.
    public mutating func next() throws(WatchStreamError) -> WatchEvent? {
        while let line = nextLine() {
            let bytes = trimmed(buffer[line.range])
            guard !bytes.isEmpty else { continue }
            let json: JSONValue
            do {
                json = try JSONValue(parsing: Array(bytes))
            } catch {
                throw WatchStreamError(
                    offset: line.offset, line: line.number, column: error.column, message: error.message)
            }
            do {
                return try WatchEvent(decoding: json)
            } catch {
                throw WatchStreamError(offset: line.offset, line: line.number, message: error.message)
            }
        }
        return nil
    }

    /// Consumes the next line (without its line feed): a complete one, or the rest of the buffer
    /// once the stream is finished.
    private mutating func nextLine() -> (range: Range<Int>, offset: Int, number: Int)? {
        let searchFrom = max(scanned, start)
        let end: Int
        let consumed: Int
        if let newline = buffer[searchFrom...].firstIndex(of: UInt8(ascii: "\n")) {
            end = newline
            consumed = newline + 1
        } else if isFinished && start < buffer.count {
            end = buffer.count
            consumed = buffer.count
        } else {
            scanned = buffer.count
            return nil
        }
        let line = (range: start..<end, offset: bufferOffset + start, number: linesConsumed + 1)
        linesConsumed += 1
        start = consumed
        scanned = consumed
        return line
    }

    /// Drops a carriage return before the line feed; an all-blank line becomes empty. Leading
    /// blanks stay, so a JSON error's column counts from the start of the line.
    private func trimmed(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        let isBlank = line.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
        if isBlank { return line[line.startIndex..<line.startIndex] }
        return line.last == 0x0D ? line.dropLast() : line
    }
}
