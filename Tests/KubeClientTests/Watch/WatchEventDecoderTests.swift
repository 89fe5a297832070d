import KubeObjects
import Testing

@testable import KubeClient

@Suite("Watch event decoder")
struct WatchEventDecoderTests {
    /// A response with every event type, multi-byte UTF-8, CRLF and LF line ends and a blank line.
    static let response = [
        #"{"type":"ADDED","object":{"metadata":{"name":"café-☕","namespace":"default","resourceVersion":"11"},"data":{"greeting":"こんにちは 🚀"}}}"#,
        #"{"type":"MODIFIED","object":{"metadata":{"name":"café-☕","namespace":"default","resourceVersion":"12"}}}"#,
        "",
        #"{"type":"BOOKMARK","object":{"kind":"ConfigMap","metadata":{"resourceVersion":"15"}}}"#,
        #"{"type":"DELETED","object":{"metadata":{"name":"café-☕","namespace":"default","resourceVersion":"16"}}}"#,
        #"{"type":"ERROR","object":{"kind":"Status","code":500,"reason":"InternalError","message":"etcd is sad"}}"#,
        #"{"type":"ERROR","object":{"kind":"Status","code":410,"reason":"Expired","message":"too old resource version: 1 (16)"}}"#,
    ].enumerated().map { $0.offset.isMultiple(of: 2) ? $0.element + "\r\n" : $0.element + "\n" }.joined()

    static var expected: [WatchEvent] {
        let name = "café-☕"
        return [
            .added(["metadata": ["name": .string(name), "namespace": "default", "resourceVersion": "11"],
                    "data": ["greeting": "こんにちは 🚀"]]),
            .modified(["metadata": ["name": .string(name), "namespace": "default", "resourceVersion": "12"]]),
            .bookmark(resourceVersion: "15"),
            .deleted(["metadata": ["name": .string(name), "namespace": "default", "resourceVersion": "16"]]),
            .error(APIStatus(code: 500, reason: "InternalError", message: "etcd is sad")),
            .gone(APIStatus(code: 410, reason: "Expired", message: "too old resource version: 1 (16)")),
        ]
    }

    /// Feeds `bytes` in chunks of the given sizes (cycled) and collects the events.
    static func decode(_ bytes: [UInt8], chunkSizes: some Sequence<Int>) throws -> [WatchEvent] {
        var decoder = WatchEventDecoder()
        var events: [WatchEvent] = []
        var position = 0
        for size in chunkSizes {
            guard position < bytes.count else { break }
            let end = min(position + size, bytes.count)
            decoder.append(bytes[position..<end])
            position = end
            while let event = try decoder.next() { events.append(event) }
        }
        decoder.finish()
        while let event = try decoder.next() { events.append(event) }
        #expect(decoder.pendingByteCount == 0)
        return events
    }

    @Test("The whole response at once decodes into every event type, with 410 as gone")
    func wholeResponse() throws {
        let bytes = Array(Self.response.utf8)
        #expect(try Self.decode(bytes, chunkSizes: [bytes.count]) == Self.expected)
    }

    @Test("Feeding one byte at a time gives the same events, splitting every UTF-8 sequence and CRLF")
    func oneByteAtATime() throws {
        let bytes = Array(Self.response.utf8)
        #expect(try Self.decode(bytes, chunkSizes: repeatElement(1, count: bytes.count)) == Self.expected)
    }

    @Test("Random chunk sizes give the same events", arguments: [1, 2, 3, 42, 2024] as [UInt64])
    func randomChunks(seed: UInt64) throws {
        let bytes = Array(Self.response.utf8)
        var random = SeededRandomSource(seed: seed)
        let sizes = (0..<bytes.count).map { _ in Int.random(in: 1...40, using: &random) }
        #expect(try Self.decode(bytes, chunkSizes: sizes) == Self.expected)
    }

    @Test("A last line without a line feed decodes only once the stream is finished")
    func unterminatedLastLine() throws {
        var decoder = WatchEventDecoder()
        decoder.append(Array(#"{"type":"BOOKMARK","object":{"metadata":{"resourceVersion":"7"}}}"#.utf8))
        #expect(try decoder.next() == nil)
        decoder.finish()
        #expect(try decoder.next() == .bookmark(resourceVersion: "7"))
        #expect(try decoder.next() == nil)
    }

    @Test("A malformed line is an error naming its byte offset, after the events before it")
    func malformedLineNamesOffset() throws {
        let good = #"{"type":"BOOKMARK","object":{"metadata":{"resourceVersion":"7"}}}"# + "\n"
        let bad = #"{"type":"ADDED","object":{"metadata":}}"# + "\n"
        let after = #"{"type":"BOOKMARK","object":{"metadata":{"resourceVersion":"8"}}}"# + "\n"
        var decoder = WatchEventDecoder()
        decoder.append(Array((good + bad + after).utf8))
        #expect(try decoder.next() == .bookmark(resourceVersion: "7"))
        let error = try #require(throws: WatchStreamError.self) { try decoder.next() }
        #expect(error.offset == good.utf8.count)
        #expect(error.line == 2)
        #expect(error.column == 38)
        #expect(error.description.hasPrefix("watch stream, byte \(good.utf8.count) (line 2, column 38): "))
        #expect(try decoder.next() == .bookmark(resourceVersion: "8"))
    }

    @Test("JSON that is not a watch event is an error that says what is missing",
          arguments: [
            (#"[1,2]"#, "a watch event must be an object, got an array"),
            (#"{"object":{}}"#, #"a watch event needs a string "type""#),
            (#"{"type":"ADDED"}"#, #"ADDED events need an object in "object""#),
            (#"{"type":"BOOKMARK","object":{"metadata":{}}}"#, "BOOKMARK events need metadata.resourceVersion"),
            (#"{"type":"SYNC","object":{}}"#, #"unknown watch event type "SYNC""#),
          ])
    func shapeErrors(line: String, message: String) throws {
        var decoder = WatchEventDecoder()
        decoder.append(Array(("\n" + line + "\n").utf8))
        let error = try #require(throws: WatchStreamError.self) { try decoder.next() }
        #expect(error == WatchStreamError(offset: 1, line: 2, message: message))
    }
}
