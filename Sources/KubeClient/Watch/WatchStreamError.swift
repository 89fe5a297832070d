/// A watch response that cannot be read: a line that is not JSON, or not a watch event.
///
/// It names the byte offset in the response where the bad line starts, the line's number, and
/// (for JSON errors) the column, so a log line is enough to find the bytes in a capture.
public struct WatchStreamError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Byte offset, from the start of the response, of the first byte of the bad line.
    public var offset: Int
    /// 1-based number of the bad line in the response.
    public var line: Int
    /// 1-based column (in characters) of a JSON syntax error; `nil` for a shape error.
    public var column: Int?
    public var message: String

    public init(offset: Int, line: Int, column: Int? = nil, message: String) {
        self.offset = offset
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        let position = column.map { "line \(line), column \($0)" } ?? "line \(line)"
        return "watch stream, byte \(offset) (\(position)): \(message)"
    }
}
