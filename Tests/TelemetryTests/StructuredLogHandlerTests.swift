import Foundation
import KubeObjects
import Logging
import Synchronization
import Testing

@testable import Telemetry

@Suite("Structured log lines")
struct StructuredLogHandlerTests {
    /// 2026-01-01T00:00:00.25Z.
    static let fixedTime = Date(timeIntervalSince1970: 1_767_225_600.25)

    final class Lines: Sendable {
        let recorded = Mutex<[String]>([])
        var all: [String] { recorded.withLock { $0 } }
        var sink: LogSink { LogSink { line in self.recorded.withLock { $0.append(line) } } }
    }

    func logger(_ format: LogFormat, _ lines: Lines, level: Logger.Level = .info) -> Logger {
        Logger(label: "flotilla.federation") { label in
            StructuredLogHandler(label: label, format: format, level: level, sink: lines.sink, now: { Self.fixedTime })
        }
    }

    @Test("JSON lines carry ts, level, logger and msg first, then error and sorted metadata, and parse back")
    func jsonLine() throws {
        let lines = Lines()
        var log = logger(.json, lines)
        log[metadataKey: "controller"] = "workload"
        log.info(
            "member object \"web\" written\nretrying later", metadata: ["cluster": "aws-gpu-1", "replicas": "4",
                                                                       "labels": ["app": "web"]])
        let line = try #require(lines.all.first)
        #expect(line.hasPrefix(#"{"ts":"2026-01-01T00:00:00.250Z","level":"info","logger":"flotilla.federation","msg":"#))
        let json = try JSONValue(parsing: line)
        #expect(json["msg"] == "member object \"web\" written\nretrying later")
        #expect(json["cluster"] == "aws-gpu-1")
        #expect(json["controller"] == "workload")
        #expect(json[path: ["labels", "app"]] == "web")
        #expect(json.objectValue?.keys == ["ts", "level", "logger", "msg", "cluster", "controller", "labels", "replicas"])
        #expect(!line.contains("\n"), "one event, one line")
    }

    @Test("Text lines are logfmt: bare simple values, quoted and escaped ones with spaces, quotes or '='")
    func textLine() {
        let lines = Lines()
        let log = logger(.text, lines)
        log.warning("cluster not ready", metadata: ["cluster": "gcp-1", "reason": "heartbeat \"late\"", "query": "a=b", "empty": ""])
        #expect(lines.all == [
            #"ts=2026-01-01T00:00:00.250Z level=warning logger=flotilla.federation msg="cluster not ready" cluster=gcp-1 empty="" query="a=b" reason="heartbeat \"late\"""#,
        ])
    }

    @Test("Messages below the level are dropped; an error is written in its own field")
    func levelAndError() throws {
        struct Failure: Error, CustomStringConvertible { var description: String { "lease update refused" } }
        let lines = Lines()
        let log = logger(.json, lines, level: .notice)
        log.info("not shown")
        log.debug("not shown either")
        log.error("lost leadership", error: Failure())
        #expect(lines.all.count == 1)
        let json = try JSONValue(parsing: try #require(lines.all.first))
        #expect(json["level"] == "error")
        #expect(json["error"] == "lease update refused")
    }

    @Test("Control characters are escaped in JSON strings")
    func controlCharacters() throws {
        let text = "tab\tbell\u{07}cr\r"
        #expect(LogLine.jsonString(text) == #""tab\tbell\u0007cr\r""#)
        #expect(try JSONValue(parsing: LogLine.jsonString(text)) == .string(text))
    }
}
