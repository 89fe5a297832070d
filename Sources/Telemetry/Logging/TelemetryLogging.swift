import Logging
import Synchronization

/// Sets up the process's logging once, at start-up.
public enum TelemetryLogging {
    private static let bootstrapped = Mutex(false)

    /// Makes every `Logger` of the process write through a `StructuredLogHandler` with this
    /// format and level. Only the first call has an effect (swift-log allows one bootstrap per
    /// process and crashes on a second); it returns whether this call was that one.
    @discardableResult
    public static func bootstrap(format: LogFormat, level: Logger.Level, sink: LogSink = .standardError) -> Bool {
        let first = bootstrapped.withLock { done in
            defer { done = true }
            return !done
        }
        guard first else { return false }
        LoggingSystem.bootstrap({ label, provider in
            StructuredLogHandler(label: label, format: format, level: level, sink: sink, metadataProvider: provider)
        }, metadataProvider: nil)
        return true
    }
}
