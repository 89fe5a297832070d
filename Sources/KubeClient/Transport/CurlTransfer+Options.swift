import CCurl

/// The C callbacks. They capture nothing: the transfer arrives as the user-data pointer
/// (see `CurlTransfer` for why it is alive), and they run on the loop thread only.
private let writeCallback: flotilla_curl_data_callback = { data, size, count, context in
    let length = size * count
    guard let context else { return 0 }
    CurlTransfer.from(context).receivedBody(UnsafeRawBufferPointer(start: data, count: length))
    return length
}

private let headerCallback: flotilla_curl_data_callback = { data, size, count, context in
    let length = size * count
    guard let context else { return 0 }
    CurlTransfer.from(context).receivedHeaderLine(UnsafeRawBufferPointer(start: data, count: length))
    return length
}

extension CurlTransfer {
    /// Creates and configures the easy handle for this transfer. Runs on the loop thread.
    func makeHandle(for endpoint: CurlEndpoint) throws(TransportError) {
        guard let handle = curl_easy_init() else {
            throw TransportError(.invalidRequest, "libcurl could not create a handle", requestMayHaveBeenSent: false)
        }
        easy = handle
        var failed: CURLcode = CURLE_OK
        /// Remembers the first failing option; the rest are still set, harmlessly.
        func check(_ code: CURLcode) { if failed == CURLE_OK && code != CURLE_OK { failed = code } }
        func setLong(_ option: CURLoption, _ value: Int) { check(flotilla_easy_setopt_long(handle, option, value)) }
        func setString(_ option: CURLoption, _ value: String) { check(flotilla_easy_setopt_string(handle, option, value)) }
        func setBlob(_ option: CURLoption, _ bytes: [UInt8]) {
            check(bytes.withUnsafeBytes { flotilla_easy_setopt_blob_copy(handle, option, $0.baseAddress, $0.count) })
        }

        setString(CURLOPT_URL, endpoint.url(for: request.target))
        setLong(CURLOPT_NOSIGNAL, 1)  // many threads: no SIGALRM-based DNS timeouts
        setLong(CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_2TLS))
        setLong(CURLOPT_PIPEWAIT, 1)  // prefer multiplexing over an HTTP/2 connection being set up
        setString(CURLOPT_ACCEPT_ENCODING, "")  // every encoding libcurl can decode
        setLong(CURLOPT_TCP_KEEPALIVE, 1)
        setString(CURLOPT_USERAGENT, endpoint.options.userAgent)
        setLong(CURLOPT_CONNECTTIMEOUT_MS, endpoint.options.connectTimeout.milliseconds)
        if let timeout = request.timeout { setLong(CURLOPT_TIMEOUT_MS, timeout.milliseconds) }
        if let idle = request.idleTimeout {
            setLong(CURLOPT_LOW_SPEED_LIMIT, 1)
            setLong(CURLOPT_LOW_SPEED_TIME, max(1, idle.milliseconds / 1000))
        }
        if let proxy = endpoint.options.proxyURL { setString(CURLOPT_PROXY, proxy) }

        check(flotilla_easy_setopt_pointer(handle, CURLOPT_ERRORBUFFER, UnsafeMutableRawPointer(errorBuffer)))
        check(flotilla_easy_setopt_data_callback(handle, CURLOPT_WRITEFUNCTION, writeCallback))
        check(flotilla_easy_setopt_pointer(handle, CURLOPT_WRITEDATA, opaque))
        check(flotilla_easy_setopt_data_callback(handle, CURLOPT_HEADERFUNCTION, headerCallback))
        check(flotilla_easy_setopt_pointer(handle, CURLOPT_HEADERDATA, opaque))
        check(flotilla_easy_setopt_pointer(handle, CURLOPT_PRIVATE, opaque))

        configureMethodAndBody(handle, check: check)
        configureHeaders(handle, check: check)
        configureTLS(handle, endpoint: endpoint, setLong: setLong, setString: setString, setBlob: setBlob)
        if let connectTo = endpoint.connectTo {
            connectToList = curl_slist_append(nil, connectTo)
            check(flotilla_easy_setopt_slist(handle, CURLOPT_CONNECT_TO, connectToList))
        }
        if failed != CURLE_OK {
            let reason = String(cString: curl_easy_strerror(failed))
            throw TransportError(.invalidRequest, "cannot configure the request: \(reason)", requestMayHaveBeenSent: false)
        }
    }

    private func configureMethodAndBody(_ handle: UnsafeMutableRawPointer, check: (CURLcode) -> Void) {
        switch request.method {
        case .get: check(flotilla_easy_setopt_long(handle, CURLOPT_HTTPGET, 1))
        case .head: check(flotilla_easy_setopt_long(handle, CURLOPT_NOBODY, 1))
        default: check(flotilla_easy_setopt_string(handle, CURLOPT_CUSTOMREQUEST, request.method.rawValue))
        }
        // A body goes in as POST fields (libcurl copies them), with the method overridden above,
        // so PUT and PATCH need no read callback. POST always sends one, if empty.
        // GET and HEAD never carry one: setting POST fields would turn them into a POST.
        let body = request.body ?? (request.method == .post ? [] : nil)
        guard let body, request.method != .get, request.method != .head else { return }
        check(flotilla_easy_setopt_off(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count)))
        if body.isEmpty {
            check(flotilla_easy_setopt_string(handle, CURLOPT_COPYPOSTFIELDS, ""))
        } else {
            check(body.withUnsafeBytes {
                flotilla_easy_setopt_pointer(handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: $0.baseAddress))
            })
        }
    }

    private func configureHeaders(_ handle: UnsafeMutableRawPointer, check: (CURLcode) -> Void) {
        var list: UnsafeMutablePointer<curl_slist>?
        for field in request.headers.fields {
            list = curl_slist_append(list, "\(field.name): \(field.value)")
        }
        // No `Expect: 100-continue` round trip for large bodies: the API server answers at once.
        list = curl_slist_append(list, "Expect:")
        if request.body != nil, request.method != .get, request.method != .head, request.headers["Content-Type"] == nil {
            list = curl_slist_append(list, "Content-Type: application/json")
        }
        headerList = list
        check(flotilla_easy_setopt_slist(handle, CURLOPT_HTTPHEADER, list))
    }

    private func configureTLS(
        _ handle: UnsafeMutableRawPointer, endpoint: CurlEndpoint, setLong: (CURLoption, Int) -> Void,
        setString: (CURLoption, String) -> Void, setBlob: (CURLoption, [UInt8]) -> Void
    ) {
        let tls = endpoint.tls
        setLong(CURLOPT_SSL_VERIFYPEER, tls.insecureSkipVerify ? 0 : 1)
        setLong(CURLOPT_SSL_VERIFYHOST, tls.insecureSkipVerify ? 0 : 2)
        switch tls.certificateAuthority {
        case .pem(let bytes)?: setBlob(CURLOPT_CAINFO_BLOB, bytes)
        case .file(let path)?: setString(CURLOPT_CAINFO, path)
        case nil: break
        }
        guard let client = request.clientCertificate else { return }
        setString(CURLOPT_SSLCERTTYPE, "PEM")
        setString(CURLOPT_SSLKEYTYPE, "PEM")
        switch client.certificate {
        case .pem(let bytes): setBlob(CURLOPT_SSLCERT_BLOB, bytes)
        case .file(let path): setString(CURLOPT_SSLCERT, path)
        }
        switch client.key {
        case .pem(let secret): setBlob(CURLOPT_SSLKEY_BLOB, secret.revealedBytes)
        case .file(let path): setString(CURLOPT_SSLKEY, path)
        }
    }
}

extension Duration {
    /// Whole milliseconds, rounded up so that a short positive timeout never becomes 0
    /// (which libcurl reads as "no timeout").
    var milliseconds: Int {
        let (seconds, attoseconds) = components
        let millis = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        let remainder = attoseconds % 1_000_000_000_000_000
        return Int(millis) + (remainder > 0 ? 1 : 0)
    }
}
