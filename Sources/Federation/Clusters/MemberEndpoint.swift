import KubeClient

/// `spec.apiEndpoint` as a server URL.
///
/// KubeAdmiral hands the field to client-go, which accepts a host name, `host:port`, an IP address
/// (IPv6 in brackets when a port follows), `IP:port`, or a full URL. Without a scheme client-go
/// picks https whenever TLS is configured, and KubeAdmiral always configures it (a CA, or
/// `insecure`), so a bare address means https here too. `http://` is accepted as written: the
/// in-process test server speaks plain HTTP.
enum MemberEndpoint {
    static func serverURL(
        _ endpoint: String, cluster: String, secret: String
    ) throws(MemberCredentialsError) -> ServerURL {
        let trimmed = endpoint.trimmingWhitespace
        guard !trimmed.isEmpty else {
            throw MemberCredentialsError(.invalidEndpoint, cluster: cluster, secret: secret, "is empty")
        }
        var text = trimmed
        if !text.contains("://") {
            // A bare IPv6 address (`fd00::1`) has several colons and no brackets: bracket it.
            let colons = text.count { $0 == ":" }
            if colons > 1, !text.hasPrefix("[") { text = "[\(text)]" }
            text = "https://" + text
        }
        do {
            return try ServerURL(validating: text)
        } catch {
            throw MemberCredentialsError(
                .invalidEndpoint, cluster: cluster, secret: secret,
                "\"\(trimmed)\" is not a host, host:port or http(s) URL (\(error.message))")
        }
    }
}

extension String {
    var trimmingWhitespace: String {
        var slice = Substring(self)
        while slice.first?.isWhitespace == true { slice.removeFirst() }
        while slice.last?.isWhitespace == true { slice.removeLast() }
        return String(slice)
    }
}
