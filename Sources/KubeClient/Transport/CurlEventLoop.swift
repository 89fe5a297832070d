import CCurl
import Foundation
import Synchronization

/// The one thread that drives every transfer of a `CurlTransport` through a curl multi handle.
///
/// Callers never touch libcurl: they queue a `CurlTransfer` (or a cancellation) under a mutex
/// and wake the thread with `curl_multi_wakeup`, the one multi-handle call libcurl allows from
/// another thread. The thread adds and removes easy handles, runs `curl_multi_perform`, completes
/// finished transfers and sleeps in `curl_multi_poll`. Because all easy handles live in one multi
/// handle they share its connection cache, so sequential requests reuse a connection and
/// concurrent ones multiplex over HTTP/2 where the server offers it.
///
/// Cancellation may arrive before, during or after submission; each transfer id moves through
/// `Entry` states under the mutex so that every case ends the transfer exactly once.
final class CurlEventLoop: Sendable {
    private enum Entry {
        /// The id was handed out; the transfer has not been submitted yet.
        case reserved
        /// Cancelled before it was submitted: submission completes it as cancelled.
        case cancelledEarly
        /// Submitted: queued for, or running on, the loop thread.
        case submitted
    }

    private struct State {
        var nextID: UInt64 = 0
        var entries: [UInt64: Entry] = [:]
        var incoming: [CurlTransfer] = []
        var cancellations: [UInt64] = []
        var shutDownRequested = false
        /// Set by the loop thread just before it frees the multi handle; `wakeup` must not be
        /// called after that.
        var multiClosed = false
    }

    /// The multi handle. `@unchecked Sendable` because the pointer is shared with callers only
    /// for `curl_multi_wakeup`, which libcurl documents as safe from any thread, and only while
    /// `multiClosed` is false (checked under the mutex); everything else happens on the loop thread.
    private struct MultiHandle: @unchecked Sendable {
        let pointer: UnsafeMutableRawPointer
    }

    private let state = Mutex(State())
    private let multi: MultiHandle
    private let endpoint: CurlEndpoint
    /// Signalled when the loop thread has freed the multi handle and returned.
    private let finished = DispatchSemaphore(value: 0)

    /// Every loop whose thread is running. A process must stop them before it exits: exit
    /// handlers (OpenSSL's among them) free global state that a loop thread in the middle of a TLS
    /// read would still use, which ends in heap corruption rather than a clean exit.
    private static let running = Mutex<[ObjectIdentifier: CurlEventLoop]>([:])

    /// libcurl's global initialisation, done once per process before the first handle.
    private static let globalInit: Bool = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK

    init(endpoint: CurlEndpoint) {
        precondition(Self.globalInit, "libcurl failed to initialise")
        guard let pointer = curl_multi_init() else { fatalError("libcurl could not create a multi handle") }
        let limit = endpoint.options.maxConnectionsPerHost
        _ = flotilla_multi_setopt_long(pointer, CURLMOPT_MAX_HOST_CONNECTIONS, limit)
        _ = flotilla_multi_setopt_long(pointer, CURLMOPT_MAXCONNECTS, limit)
        multi = MultiHandle(pointer: pointer)
        self.endpoint = endpoint
        Self.running.withLock { $0[ObjectIdentifier(self)] = self }
        let thread = Thread { [self] in
            self.run()
            Self.running.withLock { $0[ObjectIdentifier(self)] = nil }
            self.finished.signal()
        }
        thread.name = "flotilla-curl"
        thread.start()
    }

    /// Shuts every running loop down and waits until their threads have returned, or `timeout`
    /// (real time) has passed; `false` when some did not return in time.
    static func shutDownAll(timeout: Duration) -> Bool {
        let loops = running.withLock { Array($0.values) }
        for loop in loops { loop.shutDown() }
        let (seconds, attoseconds) = timeout.components
        let deadline = DispatchTime.now() + .nanoseconds(Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000))
        return loops.allSatisfy { $0.finished.wait(timeout: deadline) == .success }
    }

    // MARK: Called from any thread

    func reserveID() -> UInt64 {
        state.withLock { state in
            defer { state.nextID += 1 }
            state.entries[state.nextID] = .reserved
            return state.nextID
        }
    }

    /// Hands a transfer to the loop, or completes it at once if it was cancelled already or the
    /// loop has shut down.
    func submit(_ transfer: CurlTransfer) {
        let failure: TransportError? = state.withLock { state in
            if state.shutDownRequested {
                state.entries[transfer.id] = nil
                return .shutDown
            }
            if case .cancelledEarly? = state.entries[transfer.id] {
                state.entries[transfer.id] = nil
                return .cancelled
            }
            state.entries[transfer.id] = .submitted
            state.incoming.append(transfer)
            // Under load many requests arrive between two turns of the loop: only the first needs
            // to wake it (a syscall, made under the lock); the loop takes them all at once.
            if state.incoming.count == 1 { wakeUp(state) }
            return nil
        }
        if let failure { transfer.complete(failure: failure) }
    }

    func cancel(_ id: UInt64) {
        state.withLock { state in
            switch state.entries[id] {
            case .reserved?:
                state.entries[id] = .cancelledEarly
            case .submitted?:
                state.cancellations.append(id)
                wakeUp(state)
            case .cancelledEarly?, nil:
                break
            }
        }
    }

    /// Fails every transfer with `TransportError.shutDown` and stops the thread. Idempotent.
    func shutDown() {
        state.withLock { state in
            state.shutDownRequested = true
            wakeUp(state)
        }
    }

    private func wakeUp(_ state: borrowing State) {
        if !state.multiClosed { _ = curl_multi_wakeup(multi.pointer) }
    }

    // MARK: The loop thread

    private func run() {
        var active: [UInt64: CurlTransfer] = [:]
        while true {
            let (incoming, cancellations, stopping) = state.withLock { state in
                defer {
                    state.incoming.removeAll()
                    state.cancellations.removeAll()
                }
                return (state.incoming, state.cancellations, state.shutDownRequested)
            }
            if stopping {
                close(active.values + incoming)
                return
            }
            for transfer in incoming { start(transfer, in: &active) }
            for id in cancellations {
                guard let transfer = active.removeValue(forKey: id) else { continue }
                finish(transfer, with: .failure(.cancelled))
            }
            var running: Int32 = 0
            _ = curl_multi_perform(multi.pointer, &running)
            collectCompleted(from: &active)
            // Sleeps until a socket is ready, libcurl's own timer fires, or `wakeUp` is called.
            _ = curl_multi_poll(multi.pointer, nil, 0, 1000, nil)
        }
    }

    private func start(_ transfer: CurlTransfer, in active: inout [UInt64: CurlTransfer]) {
        do {
            try transfer.makeHandle(for: endpoint)
        } catch {
            finish(transfer, with: .failure(error), added: false)
            return
        }
        guard let easy = transfer.easy, curl_multi_add_handle(multi.pointer, easy) == CURLM_OK else {
            let error = TransportError(.invalidRequest, "libcurl refused the request", requestMayHaveBeenSent: false)
            finish(transfer, with: .failure(error), added: false)
            return
        }
        active[transfer.id] = transfer
    }

    private func collectCompleted(from active: inout [UInt64: CurlTransfer]) {
        var queued: Int32 = 0
        while let message = curl_multi_info_read(multi.pointer, &queued) {
            guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle else { continue }
            var context: UnsafeMutableRawPointer?
            guard flotilla_easy_getinfo_pointer(easy, CURLINFO_PRIVATE, &context) == CURLE_OK, let context else {
                continue
            }
            let transfer = CurlTransfer.from(context)
            guard active.removeValue(forKey: transfer.id) != nil else { continue }
            finish(transfer, with: .success(flotilla_multi_message_result(message)))
        }
    }

    /// Removes the handle from the multi handle, completes the transfer and forgets its id.
    /// The result is read before the handle is freed, since classifying an error reads it.
    private func finish(_ transfer: CurlTransfer, with result: Result<CURLcode, TransportError>, added: Bool = true) {
        if added, let easy = transfer.easy { _ = curl_multi_remove_handle(multi.pointer, easy) }
        switch result {
        case .success(let code): transfer.complete(code)
        case .failure(let error): transfer.complete(failure: error)
        }
        transfer.releaseHandle()
        state.withLock { $0.entries[transfer.id] = nil }
    }

    private func close(_ transfers: [CurlTransfer]) {
        for transfer in transfers { finish(transfer, with: .failure(.shutDown), added: transfer.easy != nil) }
        let leftovers = state.withLock { state in
            state.multiClosed = true
            defer { state.incoming.removeAll() }
            return state.incoming
        }
        for transfer in leftovers { transfer.complete(failure: .shutDown) }
        _ = curl_multi_cleanup(multi.pointer)
    }
}
