import KubeObjects

/// Where a watch starts and what it sees.
public struct WatchOptions: Sendable, Equatable {
    /// Start after this version (from a list or a bookmark); `nil` starts from "now" with
    /// synthetic ADDED events for what exists.
    public var resourceVersion: String?
    /// Ask for BOOKMARK events, which let a watch resume without a relist.
    public var allowBookmarks: Bool
    public var labelSelector: String?
    public var fieldSelector: String?
    /// The server ends the watch after this long. It also bounds how long a silent connection
    /// is trusted: the transport gives up after this plus `idleMargin` without a byte.
    public var timeoutSeconds: Int
    public var idleMargin: Duration

    public init(
        resourceVersion: String? = nil, allowBookmarks: Bool = true, labelSelector: String? = nil,
        fieldSelector: String? = nil, timeoutSeconds: Int = 300, idleMargin: Duration = .seconds(30)
    ) {
        self.resourceVersion = resourceVersion
        self.allowBookmarks = allowBookmarks
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
        self.timeoutSeconds = timeoutSeconds
        self.idleMargin = idleMargin
    }

    var queryItems: [(String, String?)] {
        [
            ("watch", "true"), ("resourceVersion", resourceVersion),
            ("allowWatchBookmarks", allowBookmarks ? "true" : nil), ("labelSelector", labelSelector),
            ("fieldSelector", fieldSelector), ("timeoutSeconds", String(timeoutSeconds)),
        ]
    }
}

extension KubeAPI {
    /// Watches a collection and yields its events as the server sends them.
    ///
    /// Establishing the watch is a read: a connection failure, a 5xx or a 429 before the first
    /// byte is retried as `RetryPolicy` says, and a 401 once with a fresh credential. Once events
    /// flow, any failure ends the stream with a `KubeAPIError` (a line that is not a watch event:
    /// `malformedResponse`); resuming from the last resourceVersion is the caller's job
    /// (`WatchStateMachine`), because only it knows that version. The stream also ends, without
    /// an error, when the server closes the watch after `timeoutSeconds`. A 410 arrives as a
    /// `.gone` event, or as a `gone` error when the server refuses the version up front.
    /// Ending the iteration cancels the request.
    public func watch(_ resource: APIResource, namespace: String? = nil, options: WatchOptions = WatchOptions())
        -> AsyncThrowingStream<WatchEvent, Error>
    {
        let (events, continuation) = AsyncThrowingStream.makeStream(of: WatchEvent.self)
        let task = Task {
            do {
                let target = try resource.collectionPath(namespace: namespace) + PercentEncoding.query(options.queryItems)
                try await runWatch(target, options: options) { continuation.yield($0) }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return events
    }

    private func runWatch(_ target: String, options: WatchOptions, yield: (WatchEvent) -> Void)
        async throws(KubeAPIError)
    {
        var backoff = retryPolicy.makeBackoff()
        var attempts = 0
        var refreshedCredential = false
        while true {
            attempts += 1
            if Task.isCancelled { return }
            let credential = try await currentCredential()
            var request = HTTPRequest(
                target: target, timeout: nil, idleTimeout: .seconds(options.timeoutSeconds) + options.idleMargin)
            request.headers.add("Accept", "application/json")
            apply(credential, to: &request)

            var decoder = WatchEventDecoder()
            var established = false
            let error: KubeAPIError
            do {
                for try await chunk in transport.stream(request) {
                    established = true
                    decoder.append(chunk)
                    while let event = try decoder.next() { yield(event) }
                }
                if Task.isCancelled { return }
                decoder.finish()
                while let event = try decoder.next() { yield(event) }
                return
            } catch let failure as UnexpectedHTTPStatus {
                error = KubeAPIError(response: failure.response, method: .get, path: Self.pathOnly(target))
            } catch let failure as TransportError {
                if failure.code == .cancelled { return }
                error = KubeAPIError(transport: failure)
            } catch let failure as WatchStreamError {
                throw KubeAPIError(.malformedResponse, failure.description)
            } catch {
                throw KubeAPIError(.malformedResponse, "watch \(Self.pathOnly(target)): \(error)")
            }
            if established { throw error }
            if error.code == .unauthorized, !refreshedCredential, credential != .none {
                refreshedCredential = true
                await authenticator.credentialRejected(credential)
                continue
            }
            guard attempts < retryPolicy.maxAttempts,
                let delay = retryPolicy.delay(after: error, isRead: true, backoff: &backoff)
            else { throw error }
            try await wait(delay)
        }
    }
}
