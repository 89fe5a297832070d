import CCurl

/// One request in flight on the event loop: its easy handle, the C resources the handle points
/// into, and what has been received so far.
///
/// Lifetime: the event loop keeps a strong reference in its table of active transfers from the
/// moment the handle is added to the multi handle until after `curl_easy_cleanup`. libcurl only
/// calls the write and header callbacks from inside `curl_multi_perform`, on the loop thread,
/// while the handle is added; so the unretained pointer given as `CURLOPT_WRITEDATA`,
/// `CURLOPT_HEADERDATA` and `CURLOPT_PRIVATE` always points at a live object.
///
/// `@unchecked Sendable` because it is created by the calling task and then handed, through the
/// loop's mutex, to the loop thread, which is the only one to touch its mutable state from then
/// on. The continuations it completes are themselves thread-safe.
final class CurlTransfer: @unchecked Sendable {
    enum Delivery {
        /// `send`: the whole response at the end.
        case whole(CheckedContinuation<Result<HTTPResponse, TransportError>, Never>)
        /// `stream`: body chunks as they arrive, when the status is 2xx.
        case chunks(AsyncThrowingStream<[UInt8], Error>.Continuation)
    }

    let id: UInt64
    let request: HTTPRequest
    private let delivery: Delivery

    var easy: UnsafeMutableRawPointer?
    var headerList: UnsafeMutablePointer<curl_slist>?
    var connectToList: UnsafeMutablePointer<curl_slist>?
    /// `CURLOPT_ERRORBUFFER`: libcurl writes a message here when the transfer fails.
    let errorBuffer: UnsafeMutablePointer<CChar>

    private var status = 0
    private var headers = HTTPHeaders()
    private var body: [UInt8] = []
    private var isComplete = false

    init(id: UInt64, request: HTTPRequest, delivery: Delivery) {
        self.id = id
        self.request = request
        self.delivery = delivery
        let size = flotilla_curl_error_size()
        errorBuffer = .allocate(capacity: size)
        errorBuffer.initialize(repeating: 0, count: size)
    }

    deinit {
        errorBuffer.deallocate()
    }

    /// Frees the handle and the lists it used. Call after the handle left the multi handle.
    func releaseHandle() {
        if let easy { curl_easy_cleanup(easy) }
        easy = nil
        curl_slist_free_all(headerList)
        headerList = nil
        curl_slist_free_all(connectToList)
        connectToList = nil
    }

    var opaque: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }

    static func from(_ opaque: UnsafeMutableRawPointer) -> CurlTransfer {
        Unmanaged<CurlTransfer>.fromOpaque(opaque).takeUnretainedValue()
    }

    // MARK: Receiving

    /// One header line, with its line break. A status line starts a new response (after a
    /// `100 Continue`, or a redirect, which is not followed), so it resets the fields.
    func receivedHeaderLine(_ line: UnsafeRawBufferPointer) {
        // Byte-wise: a response has a dozen header lines, and Character-wise trimming (grapheme
        // breaking) was a measurable share of a request's CPU.
        let bytes = Self.trimmed(line[...])
        if bytes.starts(with: Self.statusLinePrefix) {
            let parts = bytes.split(separator: UInt8(ascii: " "), maxSplits: 2)
            status = parts.count >= 2 ? Int(String(decoding: parts[1], as: UTF8.self)) ?? 0 : 0
            headers = HTTPHeaders()
            body.removeAll()
        } else if let colon = bytes.firstIndex(of: UInt8(ascii: ":")) {
            let name = String(decoding: bytes[..<colon], as: UTF8.self)
            let value = String(decoding: Self.trimmed(bytes[(colon + 1)...]), as: UTF8.self)
            headers.add(name, value)
        }
    }

    private static let statusLinePrefix = Array("HTTP/".utf8)

    /// Without leading and trailing spaces, tabs and line breaks.
    private static func trimmed(_ bytes: Slice<UnsafeRawBufferPointer>) -> Slice<UnsafeRawBufferPointer> {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A }
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end, isSpace(bytes[start]) { start += 1 }
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        return bytes[start..<end]
    }

    func receivedBody(_ bytes: UnsafeRawBufferPointer) {
        if case .chunks(let continuation) = delivery, (200..<300).contains(status) {
            continuation.yield(Array(bytes))
        } else {
            body.append(contentsOf: bytes)
        }
    }

    // MARK: Completing

    /// Completes the transfer with what libcurl reported; only the first call has an effect.
    func complete(_ code: CURLcode) {
        guard code == CURLE_OK else {
            complete(failure: transportError(for: code))
            return
        }
        guard !isComplete else { return }
        isComplete = true
        let response = HTTPResponse(status: status, headers: headers, body: body)
        switch delivery {
        case .whole(let continuation):
            continuation.resume(returning: .success(response))
        case .chunks(let continuation):
            if response.isSuccess {
                continuation.finish()
            } else {
                continuation.finish(throwing: UnexpectedHTTPStatus(response: response))
            }
        }
    }

    func complete(failure: TransportError) {
        guard !isComplete else { return }
        isComplete = true
        switch delivery {
        case .whole(let continuation): continuation.resume(returning: .failure(failure))
        case .chunks(let continuation): continuation.finish(throwing: failure)
        }
    }

    /// Classifies a libcurl failure. The message names the method and path (without the query)
    /// and libcurl's explanation; it never includes headers.
    private func transportError(for code: CURLcode) -> TransportError {
        let detail = errorBuffer.pointee != 0 ? String(cString: errorBuffer) : String(cString: curl_easy_strerror(code))
        let path = request.target.split(separator: "?", maxSplits: 1).first.map(String.init) ?? request.target
        let message = "\(request.method.rawValue) \(path): \(detail)"
        let (kind, beforeSending) = Self.classify(code)
        // A transfer that never got to the point of sending (pre-transfer time still zero) cannot
        // have reached the server, whatever the code says (a connect timeout, for one).
        var pretransfer: curl_off_t = 0
        if let easy { _ = flotilla_easy_getinfo_off(easy, CURLINFO_PRETRANSFER_TIME_T, &pretransfer) }
        return TransportError(kind, message, requestMayHaveBeenSent: !(beforeSending || pretransfer == 0))
    }

    /// The error code for a libcurl result, and whether that result can only happen before any
    /// request byte was written.
    static func classify(_ code: CURLcode) -> (TransportError.Code, beforeSending: Bool) {
        switch code {
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY, CURLE_COULDNT_CONNECT:
            return (.connectFailed, true)
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
            CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_CRL_BADFILE:
            return (.tls, true)
        case CURLE_OPERATION_TIMEDOUT:
            return (.timedOut, false)
        case CURLE_URL_MALFORMAT, CURLE_BAD_FUNCTION_ARGUMENT, CURLE_UNSUPPORTED_PROTOCOL:
            return (.invalidRequest, true)
        default:
            return (.transferFailed, false)
        }
    }
}
