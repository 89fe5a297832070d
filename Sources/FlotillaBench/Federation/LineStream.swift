import Foundation
import KubeClient

/// The lines of text arriving on a file handle (a pipe, or standard input), as an async sequence.
///
/// Reading blocks, so it happens on a thread of its own: a blocked read on one of the few
/// cooperative-pool threads (two, on a two-core machine) would stall the benchmark it serves.
/// The stream finishes at end of file; a last line without a newline is still delivered.
enum LineStream {
    static func lines(of handle: FileHandle) -> AsyncStream<String> {
        AsyncStream { continuation in
            let thread = Thread {
                var pending: [UInt8] = []
                while true {
                    guard let data = try? BlockingRead.chunk(handle), !data.isEmpty else { break }
                    for byte in data {
                        if byte == UInt8(ascii: "\n") {
                            continuation.yield(String(decoding: pending, as: UTF8.self))
                            pending.removeAll(keepingCapacity: true)
                        } else {
                            pending.append(byte)
                        }
                    }
                }
                if !pending.isEmpty { continuation.yield(String(decoding: pending, as: UTF8.self)) }
                continuation.finish()
            }
            thread.start()
        }
    }
}
