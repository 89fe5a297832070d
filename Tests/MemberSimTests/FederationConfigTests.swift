import Foundation
import KubeObjects
import MemberSim
import Testing

/// Reading `config/demo/federation.yaml` and refusing bad configurations with the file and field.
@Suite struct FederationConfigTests {
    @Test func theDemoConfigurationDescribesTheScenariosThreeMembers() throws {
        let config = try FederationConfig.load(file: demoDirectory + "/federation.yaml")
        #expect(config.host?.displayName == "Fed-POC")
        #expect(config.members.map(\.displayName) == ["VKE-POC1", "VKE-POC2", "ACK-POC"])
        #expect(config.members.map(\.name) == ["cclt81kqnjbeqedvbbt0g", "ccltbv1p1h4ho7pq6sugg", "cclt75bp1h4ho7pq6su9g"])
        let vke = try #require(config.member(named: "VKE-POC1"))
        #expect(config.member(named: "cclt81kqnjbeqedvbbt0g") == vke)
        #expect(vke.labels["flotilla.io/display-name"] == "VKE-POC1")
        #expect(vke.pools.map(\.role) == [.prepaid, .elastic, .postpaid])
        #expect(vke.pools[0].size == .fixed(2))
        #expect(vke.pools[0].node.gpus == 1)
        #expect(vke.pools[0].nodeLabels["cluster.vke.volcengine.com/machinepool-name"] == "pcltbrovu2ttge1iek560")
        #expect(vke.pools[2].autoscaling == Autoscaling(
            minNodes: 0, maxNodes: 2, provisioningDelay: .seconds(60), scaleDownDelay: .seconds(600)))
        #expect(vke.resourcePolicies.map(\.policy.dialect) == [.volcengine])
        #expect(vke.resourcePolicies[0].policy.units.map(\.max) == [nil, 2, nil])
        let ack = try #require(config.member(named: "ACK-POC"))
        #expect(ack.pools[2].autoscaling?.maxNodes == 10)
        #expect(ack.resourcePolicies[0].policy.dialect == .alibabacloud)
        #expect(ack.resourcePolicies[0].file.hasSuffix("resourcepolicy-ack-poc.yaml"))
    }

    /// Parses `text` as `fed.yaml`, with the policy files from `policies`.
    private func parse(_ text: String, policies: [String: String] = [:]) throws(FederationConfigError)
        -> FederationConfig
    {
        try FederationConfig.parse(text, file: "fed.yaml") { (name, field) throws(FederationConfigError) in
            guard let contents = policies[name] else {
                throw FederationConfigError(file: "fed.yaml", field: field, message: "cannot read \(name)")
            }
            return (name, contents)
        }
    }

    private func member(pool: String) -> String {
        """
        members:
        - name: m1
          region: cn-beijing
          pools:
        \(pool.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
        """
    }

    private func error(_ text: String, policies: [String: String] = [:]) -> FederationConfigError? {
        do {
            _ = try parse(text, policies: policies)
            return nil
        } catch {
            return error
        }
    }

    @Test func aPoolWhoseMaximumIsBelowItsMinimumIsRefusedByField() {
        let failure = error(member(pool: """
            - name: p
              role: postpaid
              node: {gpus: 1, cpu: "8", memory: 32Gi}
              minNodes: 3
              maxNodes: 2
            """))
        #expect(failure?.file == "fed.yaml")
        #expect(failure?.field == "members[0].pools[0].maxNodes")
        #expect(failure?.description.contains("fed.yaml: members[0].pools[0].maxNodes: must be at least minNodes (3)") == true)
    }

    @Test func badRolesQuantitiesAndDurationsNameTheirFields() {
        let role = error(member(pool: "- {name: p, role: spot, node: {gpus: 1, cpu: 1, memory: 1Gi}, nodes: 1}"))
        #expect(role?.field == "members[0].pools[0].role")
        #expect(role?.message.contains("prepaid, elastic, postpaid") == true)
        let memory = error(member(pool: "- {name: p, role: prepaid, node: {gpus: 1, cpu: 1, memory: lots}, nodes: 1}"))
        #expect(memory?.field == "members[0].pools[0].node.memory")
        let delay = error(member(pool: "- {name: p, role: postpaid, node: {gpus: 1, cpu: 1, memory: 1Gi}, maxNodes: 2, provisioningDelay: soon}"))
        #expect(delay?.field == "members[0].pools[0].provisioningDelay")
        let size = error(member(pool: "- {name: p, role: prepaid, node: {gpus: 1, cpu: 1, memory: 1Gi}}"))
        #expect(size?.field == "members[0].pools[0].maxNodes")
        let elastic = error(member(pool: "- {name: e, role: elastic, nodes: 3}"))
        #expect(elastic?.field == "members[0].pools[0].nodes")
    }

    @Test func missingMembersRegionsAndDuplicateNamesAreRefused() {
        #expect(error("host: {name: h}")?.field == "members")
        #expect(error("members:\n- name: m1\n  pools: [{name: e, role: elastic}]")?.field == "members[0].region")
        let twice = """
            members:
            - {name: m1, region: r, pools: [{name: e, role: elastic}]}
            - {name: m1, region: r, pools: [{name: e, role: elastic}]}
            """
        #expect(error(twice)?.field == "members[1].name")
    }

    @Test func aYAMLSyntaxErrorNamesTheFileAndLine() {
        let failure = error("members:\n  - name: [unclosed\n")
        #expect(failure?.file == "fed.yaml")
        #expect(failure?.field == "")
        #expect(failure?.message.contains("line") == true)
    }

    @Test func aBadResourcePolicyFileIsNamedWithItsField() throws {
        let text = member(pool: "- {name: e, role: elastic}") + "\n  resourcePolicies: [rp.yaml]"
        let policy = """
            apiVersion: scheduling.alibabacloud.com/v1alpha1
            kind: ResourcePolicy
            metadata: {name: rp, namespace: default}
            spec:
              selector: {app: x}
              units:
              - resource: ecs
              - resource: eci
                max: two
            """
        let failure = error(text, policies: ["rp.yaml": policy])
        #expect(failure?.file == "rp.yaml")
        #expect(failure?.field == "spec.units[1].max")
        let missing = error(text)
        #expect(missing?.file == "fed.yaml")
        #expect(missing?.field == "members[0].resourcePolicies[0]")
        let parsed = try parse(text, policies: ["rp.yaml": policy.replacingOccurrences(of: "max: two", with: "max: 2")])
        #expect(parsed.members[0].resourcePolicies[0].policy.units[1].max == 2)
    }

    @Test func anUnreadableFileIsAnErrorNamingIt() {
        #expect(throws: FederationConfigError.self) { try FederationConfig.load(file: "/nonexistent/federation.yaml") }
    }
}
