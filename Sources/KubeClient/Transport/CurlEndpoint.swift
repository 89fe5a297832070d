/// Where and how every request of one `CurlTransport` connects: the URL prefix, the TLS trust
/// settings and the connection limits, worked out once from the cluster configuration.
struct CurlEndpoint: Sendable {
    /// `scheme://host[:port][/prefix]`, to which each request's target is appended.
    let baseURL: String
    /// A `CURLOPT_CONNECT_TO` entry, when `tls-server-name` is set; see `init`.
    let connectTo: String?
    let tls: TLSSettings
    let options: CurlTransport.Options

    /// `tls-server-name` support. libcurl takes the name to send as SNI and to verify the
    /// certificate against from the URL's host; it has no separate setting for it. So the URL is
    /// written with the server name as its host, and `CURLOPT_CONNECT_TO` maps
    /// `servername:port` to the real host and port: libcurl connects to the real address but
    /// does TLS (and sends `Host:`) as if it had been given the server name, which is what
    /// client-go's `ServerName` does. The mapping applies only to this transport's handles.
    init(server: ServerURL, tls: TLSSettings, options: CurlTransport.Options) {
        self.tls = tls
        self.options = options
        if let serverName = tls.serverName, !serverName.isEmpty, server.scheme == .https, serverName != server.host {
            let port = server.effectivePort
            let bracketedName = serverName.contains(":") ? "[\(serverName)]" : serverName
            let bracketedHost = server.host.contains(":") ? "[\(server.host)]" : server.host
            baseURL = "https://\(bracketedName):\(port)\(server.path)"
            connectTo = "\(bracketedName):\(port):\(bracketedHost):\(port)"
        } else {
            baseURL = "\(server.scheme.rawValue)://\(server.authority)\(server.path)"
            connectTo = nil
        }
    }

    func url(for target: String) -> String {
        target.hasPrefix("/") ? baseURL + target : baseURL + "/" + target
    }
}
