import KubeClient
import Testing

/// What a cluster's `server` may be.
@Suite struct ServerURLTests {
    @Test func anHTTPSURLWithHostAndPortIsAccepted() throws {
        let url = try ServerURL(validating: "https://api.example.com:6443")
        #expect(url == ServerURL(scheme: .https, host: "api.example.com", port: 6443))
        #expect(url.description == "https://api.example.com:6443")
    }

    @Test func thePortDefaultsToTheSchemes() throws {
        #expect(try ServerURL(validating: "https://a.example").effectivePort == 443)
        #expect(try ServerURL(validating: "http://a.example").effectivePort == 80)
    }

    @Test func anIPv6AddressIsWrittenInBrackets() throws {
        let url = try ServerURL(validating: "https://[fd00::1]:443")
        #expect(url.host == "fd00::1")
        #expect(url.authority == "[fd00::1]:443")
    }

    @Test func aPathPrefixIsKeptWithoutItsTrailingSlash() throws {
        let url = try ServerURL(validating: "https://rancher.example/k8s/clusters/c-1/")
        #expect(url.path == "/k8s/clusters/c-1")
        #expect(url.description == "https://rancher.example/k8s/clusters/c-1")
    }

    @Test(arguments: [
        ("api.example.com:6443", "has no scheme: write it as https://host:port"),
        ("https://", "has no host"),
        ("https://a:0", "has an invalid port: use a number from 1 to 65535"),
        ("https://a:http", "has an invalid port: use a number from 1 to 65535"),
        ("https://fd00::1", "has an IPv6 address that is not in brackets"),
        ("https://a?x=1", "must not have a query or fragment"),
    ])
    func aMalformedServerIsRefusedWithTheReason(server: String, reason: String) throws {
        let error = try #require(throws: KubeConfigError.self) { try ServerURL(validating: server) }
        #expect(error.message == "server \"\(server)\" \(reason)")
    }

    @Test func aServerWithCredentialsIsRefusedWithoutQuotingThem() throws {
        let error = try #require(throws: KubeConfigError.self) {
            try ServerURL(validating: "https://admin:s3cret@api.example.com")
        }
        #expect(error.message == "the server URL must not contain a user name or password")
    }
}
