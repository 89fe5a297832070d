import Foundation
import Logging

/// A swift-log `LogHandler` writing one structured line per message: JSON objects or logfmt text,
/// with `ts` (RFC 3339, UTC, milliseconds), `level`, `logger` (the label), `msg` and key=values.
///
/// Why swift-log rather than a logger of our own: library code (the federation controllers, the
/// client) logs through the standard `Logger` API without depending on this module, and the
/// process decides once, at start-up, where and how lines are written (`TelemetryLogging.bootstrap`).
/// Tests construct the handler directly with their own sink, since `LoggingSystem` may be
/// bootstrapped only once per process. The handler itself is small: the format is ours.
public struct StructuredLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    public let label: String
    public let format: LogFormat
    private let sink: LogSink
    private let now: @Sendable () -> Date

    /// - Parameter now: the time stamped on each line; tests fix it.
    public init(
        label: String, format: LogFormat, level: Logger.Level = .info, sink: LogSink = .standardError,
        metadataProvider: Logger.MetadataProvider? = nil, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.label = label
        self.format = format
        self.logLevel = level
        self.sink = sink
        self.metadataProvider = metadataProvider
        self.now = now
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let explicit = event.metadata { merged.merge(explicit) { _, new in new } }
        let line = LogLine(
            timestamp: Self.timestamp(now()), level: event.level, label: label, message: event.message.description,
            error: event.error.map { String(describing: $0) }, metadata: merged)
        sink.write(line.rendered(as: format))
    }

    private static let timestampStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)

    static func timestamp(_ date: Date) -> String { date.formatted(timestampStyle) }
}
