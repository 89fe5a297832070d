import Foundation

@testable import KubeClient

/// A throwaway CA, a server certificate for `kube.test` only (not for 127.0.0.1, so that host
/// name verification has something to refuse) and a client certificate, made with the
/// `openssl` command in a temporary directory.
struct TLSFixture {
    let directory: String

    static let serverName = "kube.test"

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("flotilla-tls-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        try run(["req", "-x509"] + ec + ["-keyout", "ca.key", "-out", "ca.crt", "-days", "1", "-subj", "/CN=flotilla-test-ca"])
        for (name, extensions) in [("server", "subjectAltName=DNS:\(Self.serverName)"), ("client", "extendedKeyUsage=clientAuth")] {
            try extensions.write(toFile: path("\(name).ext"), atomically: true, encoding: .utf8)
            try run(["req"] + ec + ["-keyout", "\(name).key", "-out", "\(name).csr", "-subj", "/CN=\(name)"])
            try run([
                "x509", "-req", "-in", "\(name).csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "\(name).crt", "-days", "1", "-extfile", "\(name).ext",
            ])
        }
    }

    func path(_ file: String) -> String { "\(directory)/\(file)" }

    func bytes(_ file: String) throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: path(file)))) }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }

    private func run(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try ProcessLaunch.run(process)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw ServerError("openssl \(arguments[0]) failed") }
    }
}

/// `openssl s_server -www` on an ephemeral loopback port: it answers any request over TLS with
/// a status page, which is all a test of the transport's TLS settings needs.
final class OpenSSLServer {
    private let process = Process()
    let port: Int

    init(_ fixture: TLSFixture, requireClientCertificate: Bool = false) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        var arguments = [
            "s_server", "-accept", "127.0.0.1:0", "-cert", fixture.path("server.crt"), "-key", fixture.path("server.key"),
            "-www",
        ]
        if requireClientCertificate { arguments += ["-Verify", "1", "-CAfile", fixture.path("ca.crt")] }
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try ProcessLaunch.run(process)
        // s_server prints `ACCEPT 127.0.0.1:<port>` once it listens.
        var text = ""
        var port: Int?
        while port == nil {
            let data = (try? BlockingRead.chunk(output.fileHandleForReading)) ?? []
            guard !data.isEmpty else { break }
            text += String(decoding: data, as: UTF8.self)
            if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("ACCEPT ") }),
                let colon = line.lastIndex(of: ":")
            {
                port = Int(line[line.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines))
            }
        }
        guard let port else {
            kill(process.processIdentifier, SIGKILL)
            throw ServerError("openssl s_server did not start")
        }
        self.port = port
    }

    /// SIGKILL, not `terminate()`'s SIGTERM: the child inherits the signal mask of the spawning
    /// thread, and dispatch's worker threads block SIGTERM, so s_server would never see it.
    func stop() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    var server: ServerURL { ServerURL(scheme: .https, host: "127.0.0.1", port: port) }
}
