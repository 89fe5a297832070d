import Foundation
import KubeClient
import KubeSim

/// The child process that hosts the simulated API servers (`FlotillaBench --serve-sims COUNT
/// --workloads N --samples S`), so that their objects, threads and CPU are not the controller's.
///
/// It starts `COUNT` servers (the first is the host, the rest are members), seeds the host with
/// the `FederationFixture`, then prints one line `ports P0 P1 …` on standard output. After that it
/// answers commands, one per line on standard input:
/// - `versions` → `versions R0 R1 …`, each server's current resourceVersion (every write bumps it);
/// - end of input (the parent closed the pipe, or died) → the servers stop and the process exits.
///
/// Diagnostics go to standard error, which the parent passes through.
enum SimServersChild {
    static let flag = "--serve-sims"

    static func run(count: Int, fixture: FederationFixture) async -> Never {
        var servers: [KubeSimServer] = []
        var ports: [Int] = []
        do {
            for _ in 0..<count {
                let server = KubeSimServer()
                ports.append(try await server.start())
                servers.append(server)
            }
            let host = KubeAPI(transport: CurlTransport(server: ServerURL(scheme: .http, host: "127.0.0.1", port: ports[0])))
            try await fixture.seed(host: host)
        } catch {
            FileHandle.standardError.write(Data("serve-sims: setting up failed: \(error)\n".utf8))
            exit(1)
        }
        reply("ports " + ports.map(String.init).joined(separator: " "))
        for await command in LineStream.lines(of: FileHandle.standardInput) {
            switch command {
            case "versions":
                var versions: [String] = []
                for server in servers { versions.append(await server.resourceVersion) }
                reply("versions " + versions.joined(separator: " "))
            default:
                FileHandle.standardError.write(Data("serve-sims: unknown command \"\(command)\"\n".utf8))
            }
        }
        for server in servers { await server.stop() }
        exit(0)
    }

    private static func reply(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}
