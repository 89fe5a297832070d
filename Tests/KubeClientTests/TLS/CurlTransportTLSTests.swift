import Foundation
import Testing

@testable import KubeClient

/// Runs `body` against an `openssl s_server` with a fresh fixture, then stops and removes both.
private func withTLSServer(
    requireClientCertificate: Bool = false, _ body: (TLSFixture, OpenSSLServer) async throws -> Void
) async throws {
    let fixture = try TLSFixture()
    defer { fixture.remove() }
    let server = try OpenSSLServer(fixture, requireClientCertificate: requireClientCertificate)
    defer { server.stop() }
    try await body(fixture, server)
}

private func get(_ server: OpenSSLServer, tls: TLSSettings, clientCertificate: ClientCertificate? = nil)
    async throws(TransportError) -> HTTPResponse
{
    let transport = CurlTransport(server: server.server, tls: tls)
    defer { transport.shutDown() }
    return try await transport.send(HTTPRequest(target: "/", clientCertificate: clientCertificate))
}

@Suite("Curl transport TLS", .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl")))
struct CurlTransportTLSTests {
    @Test("A CA given as PEM bytes verifies the server, with tls-server-name naming the certificate's host")
    func caBytesAndServerName() async throws {
        try await withTLSServer { fixture, server in
            let tls = TLSSettings(certificateAuthority: .pem(try fixture.bytes("ca.crt")), serverName: TLSFixture.serverName)
            let response = try await get(server, tls: tls)
            #expect(response.status == 200)
        }
    }

    @Test("A CA given as a file verifies the server")
    func caFile() async throws {
        try await withTLSServer { fixture, server in
            let tls = TLSSettings(certificateAuthority: .file(fixture.path("ca.crt")), serverName: TLSFixture.serverName)
            let response = try await get(server, tls: tls)
            #expect(response.status == 200)
        }
    }

    @Test("Without the right CA the server is not trusted, and the failure is a TLS error")
    func untrustedServer() async throws {
        try await withTLSServer { _, server in
            let error = await #expect(throws: TransportError.self) {
                _ = try await get(server, tls: TLSSettings(serverName: TLSFixture.serverName))
            }
            #expect(error?.code == .tls)
            #expect(error?.requestMayHaveBeenSent == false)
        }
    }

    @Test("Without tls-server-name the certificate must name the address connected to, which this one does not")
    func hostNameIsVerified() async throws {
        try await withTLSServer { fixture, server in
            let error = await #expect(throws: TransportError.self) {
                _ = try await get(server, tls: TLSSettings(certificateAuthority: .pem(try fixture.bytes("ca.crt"))))
            }
            #expect(error?.code == .tls)
        }
    }

    @Test("insecure-skip-tls-verify accepts an untrusted server")
    func insecureSkipVerify() async throws {
        try await withTLSServer { _, server in
            let response = try await get(server, tls: TLSSettings(insecureSkipVerify: true))
            #expect(response.status == 200)
        }
    }

    @Test("A client certificate and key given as PEM bytes satisfy a server that requires one")
    func clientCertificateBytes() async throws {
        try await withTLSServer(requireClientCertificate: true) { fixture, server in
            let tls = TLSSettings(certificateAuthority: .pem(try fixture.bytes("ca.crt")), serverName: TLSFixture.serverName)
            let client = ClientCertificate(
                certificate: .pem(try fixture.bytes("client.crt")), key: .pem(Secret(bytes: try fixture.bytes("client.key"))))
            let response = try await get(server, tls: tls, clientCertificate: client)
            #expect(response.status == 200)
        }
    }

    @Test("A client certificate and key given as files satisfy a server that requires one")
    func clientCertificateFiles() async throws {
        try await withTLSServer(requireClientCertificate: true) { fixture, server in
            let tls = TLSSettings(certificateAuthority: .file(fixture.path("ca.crt")), serverName: TLSFixture.serverName)
            let client = ClientCertificate(certificate: .file(fixture.path("client.crt")), key: .file(fixture.path("client.key")))
            let response = try await get(server, tls: tls, clientCertificate: client)
            #expect(response.status == 200)
        }
    }

    @Test("KubeAPI presents the client certificate its authenticator holds")
    func clientCertificateFromAuthenticator() async throws {
        try await withTLSServer(requireClientCertificate: true) { fixture, server in
            let tls = TLSSettings(certificateAuthority: .pem(try fixture.bytes("ca.crt")), serverName: TLSFixture.serverName)
            let client = ClientCertificate(
                certificate: .pem(try fixture.bytes("client.crt")), key: .pem(Secret(bytes: try fixture.bytes("client.key"))))
            let connection = ClusterConnection(server: server.server, tls: tls, authenticator: .clientCertificate(client))
            let api = KubeAPI(connection: connection, retryPolicy: .never)
            // s_server answers with an HTML page, so the raw call is used rather than a JSON one.
            let response = try await api.perform(.get, "/", isRead: true)
            #expect(response.status == 200)
        }
    }

    @Test("A server that requires a client certificate refuses a request without one")
    func missingClientCertificate() async throws {
        try await withTLSServer(requireClientCertificate: true) { fixture, server in
            let tls = TLSSettings(certificateAuthority: .pem(try fixture.bytes("ca.crt")), serverName: TLSFixture.serverName)
            await #expect(throws: TransportError.self) { _ = try await get(server, tls: tls) }
        }
    }
}
