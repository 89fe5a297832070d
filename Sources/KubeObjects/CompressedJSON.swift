import CZlib

/// A JSON value kept as deflated text, for caches that hold many objects and read each rarely.
///
/// Kubernetes objects are repetitive text (the same keys, names and label values again and again),
/// so zlib at its fastest setting keeps a Deployment in about a third of its compact JSON and an
/// eighth of its parsed tree, for some 25 µs to compress and a few to inflate. Reading it back
/// means inflating and parsing: worth it where an object is read once per reconcile and cached
/// for hours.
public struct CompressedJSON: Sendable, Hashable {
    private enum Storage: Hashable {
        /// A zlib stream of the text, and the text's length (inflating needs the size up front).
        case deflated([UInt8], textCount: Int)
        /// The text itself, kept when compressing failed or would not save anything.
        case plain([UInt8])
    }

    private let storage: Storage

    /// Compresses the compact JSON text of `value`.
    public init(_ value: JSONValue) {
        self.init(text: value.jsonBytes)
    }

    /// Compresses `text`, which must be JSON (it is parsed again by `value()`).
    public init(text: [UInt8]) {
        var bound = compressBound(uLong(text.count))
        var output = [UInt8](repeating: 0, count: Int(bound))
        let result = output.withUnsafeMutableBufferPointer { out in
            text.withUnsafeBufferPointer { input in
                compress2(out.baseAddress, &bound, input.baseAddress, uLong(input.count), Z_BEST_SPEED)
            }
        }
        guard result == Z_OK, Int(bound) < text.count else {
            storage = .plain(Self.exactly(text[...]))
            return
        }
        // Copied to an array of exactly its size: the bound is well above what deflate needs.
        storage = .deflated(Self.exactly(output[..<Int(bound)]), textCount: text.count)
    }

    /// Bytes held: what a cache pays for the text.
    public var storedCount: Int {
        switch storage {
        case .deflated(let bytes, _): return bytes.count
        case .plain(let bytes): return bytes.count
        }
    }

    /// The JSON text.
    public func text() throws(CompressedJSONError) -> [UInt8] {
        switch storage {
        case .plain(let bytes):
            return bytes
        case .deflated(let bytes, let textCount):
            var length = uLongf(textCount)
            var output = [UInt8](repeating: 0, count: textCount)
            let result = output.withUnsafeMutableBufferPointer { out in
                bytes.withUnsafeBufferPointer { input in
                    uncompress(out.baseAddress, &length, input.baseAddress, uLong(input.count))
                }
            }
            guard result == Z_OK, Int(length) == textCount else { throw CompressedJSONError(zlibResult: result) }
            return output
        }
    }

    /// The value, inflated and parsed.
    public func value() throws -> JSONValue {
        try JSONValue(parsing: try text())
    }

    private static func exactly(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: bytes.count) { buffer, count in
            count = buffer.initialize(fromContentsOf: bytes)
        }
    }
}

/// Inflating a `CompressedJSON` failed: only out of memory, since the stream was made in-process.
public struct CompressedJSONError: Error, CustomStringConvertible {
    public var zlibResult: Int32
    public var description: String { "inflating a cached object failed (zlib error \(zlibResult))" }
}
