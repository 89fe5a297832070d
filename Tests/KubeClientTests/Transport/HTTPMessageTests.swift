import Testing

@testable import KubeClient

@Suite("HTTP messages")
struct HTTPMessageTests {
    @Test("Header names are matched without regard to case, and set replaces every earlier field")
    func headerLookup() {
        var headers: HTTPHeaders = ["Content-Type": "text/plain", "X-A": "1"]
        headers.add("x-a", "2")
        #expect(headers["content-type"] == "text/plain")
        #expect(headers["X-A"] == "1")
        headers.set("X-a", "3")
        #expect(headers.fields.map(\.value) == ["text/plain", "3"])
    }

    @Test("Printing, debug-printing or dumping a request never shows its bearer token")
    func redaction() {
        var request = HTTPRequest(target: "/api")
        request.headers.add("Authorization", "Bearer sekrit-token")
        var dumped = ""
        dump(request, to: &dumped)
        for text in [String(describing: request), String(reflecting: request), dumped, request.headers.description] {
            #expect(!text.contains("sekrit-token"))
        }
    }

    @Test("Retry-After is read in its seconds form and ignored in its date form")
    func retryAfter() {
        #expect(HTTPResponse(status: 429, headers: ["Retry-After": " 3 "]).retryAfter == .seconds(3))
        #expect(HTTPResponse(status: 429, headers: ["Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"]).retryAfter == nil)
        #expect(HTTPResponse(status: 429).retryAfter == nil)
    }

    @Test("tls-server-name makes the URL name the server and maps it to the real address, brackets and all")
    func serverNameMapping() {
        let server = ServerURL(scheme: .https, host: "fd00::1", port: 6443, path: "/k8s")
        let endpoint = CurlEndpoint(server: server, tls: TLSSettings(serverName: "kube.test"), options: .init())
        #expect(endpoint.url(for: "/api") == "https://kube.test:6443/k8s/api")
        #expect(endpoint.connectTo == "kube.test:6443:[fd00::1]:6443")

        let plain = CurlEndpoint(server: server, tls: TLSSettings(), options: .init())
        #expect(plain.url(for: "/api") == "https://[fd00::1]:6443/k8s/api")
        #expect(plain.connectTo == nil)
    }

    @Test("Durations become whole milliseconds, rounded up so a short timeout is never none")
    func milliseconds() {
        #expect(Duration.seconds(2).milliseconds == 2000)
        #expect(Duration.microseconds(1).milliseconds == 1)
        #expect(Duration.milliseconds(1500).milliseconds == 1500)
    }

    @Test("Query values are percent-encoded except for RFC 3986's unreserved characters")
    func percentEncoding() {
        #expect(PercentEncoding.query([("labelSelector", "app in (a,b)"), ("limit", nil), ("continue", "x/y=~")])
            == "?labelSelector=app%20in%20%28a%2Cb%29&continue=x%2Fy%3D~")
        #expect(PercentEncoding.query([("limit", nil)]) == "")
    }
}
