#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Where log lines go. A line is handed over whole, with its line feed, so lines of concurrent
/// tasks never interleave.
public struct LogSink: Sendable {
    public let write: @Sendable (String) -> Void

    public init(write: @escaping @Sendable (String) -> Void) { self.write = write }

    /// Standard error, one `write(2)` per line under a process-wide lock: the container runtime
    /// collects it, and standard output stays free for a command's own output.
    public static let standardError = LogSink { line in
        StandardErrorWriter.lock.withLock { _ in StandardErrorWriter.writeAll(Array((line + "\n").utf8)) }
    }
}

private enum StandardErrorWriter {
    static let lock = Mutex(())

    /// Writes every byte, retrying after a signal interrupts the call; gives up on any other
    /// error (a closed stderr must not stop the process).
    static func writeAll(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(2, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { return }
                offset += written
            }
        }
    }
}
