import Federation
import KubeClient
import Testing

/// When `MemberClients` builds, keeps, replaces and drops a member's client.
@Suite struct MemberClientsTests {
    static func credentials(_ cluster: String, token: String) throws -> MemberCredentials {
        MemberCredentials(
            cluster: cluster, server: try ServerURL(validating: "https://10.0.0.1:6443"),
            certificateAuthority: Array("CA".utf8), insecure: false,
            authentication: .bearerToken(Secret(token), key: "bootstrap-token-data"))
    }

    @Test func equalCredentialsKeepTheClientAndNewOnesReplaceIt() async throws {
        let clients = MemberClients()
        let changes = ChangeLog()
        await clients.addHandler { await changes.record($0) }
        await clients.update(try Self.credentials("gpu-east", token: "one"))
        await clients.update(try Self.credentials("gpu-east", token: "one"))
        #expect(await changes.all == [.added("gpu-east")])

        await clients.update(try Self.credentials("gpu-east", token: "two"))
        #expect(await changes.all == [.added("gpu-east"), .replaced("gpu-east")])
        #expect(await clients.credentials(for: "gpu-east") == (try Self.credentials("gpu-east", token: "two")))
        #expect(await clients.client(for: "gpu-east") != nil)
    }

    @Test func removingDropsTheClientOnceAndALateHandlerHearsOfTheOthers() async throws {
        let clients = MemberClients()
        await clients.update(try Self.credentials("gpu-east", token: "t"))
        await clients.update(try Self.credentials("gpu-west", token: "t"))
        let changes = ChangeLog()
        await clients.addHandler { await changes.record($0) }
        await clients.remove("gpu-east")
        await clients.remove("gpu-east")
        #expect(await changes.all == [.added("gpu-east"), .added("gpu-west"), .removed("gpu-east")])
        #expect(await clients.client(for: "gpu-east") == nil)
        #expect(await clients.clusterNames == ["gpu-west"])
    }
}
