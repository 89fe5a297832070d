import KubeObjects
import Placement
import Testing

@testable import Federation

/// The controller's FederatedClusters, decoded once per resourceVersion.
@Suite("Decoded clusters")
struct DecodedClustersTests {
    static func cluster(_ name: String, version: String?, region: String) -> JSONValue {
        var metadata: JSONValue = ["name": .string(name), "labels": ["region": .string(region)]]
        if let version { metadata["resourceVersion"] = .string(version) }
        return [
            "apiVersion": "core.kubeadmiral.io/v1alpha1", "kind": "FederatedCluster", "metadata": metadata,
            "spec": ["apiEndpoint": .string("https://\(name)"), "secretRef": ["name": .string(name)]],
        ]
    }

    static func regions(_ results: [Result<FederatedCluster, PolicyError>]) -> [String?] {
        results.map { try? $0.get().labels["region"] }
    }

    @Test("a cluster is decoded again only when its resourceVersion moves")
    func byVersion() {
        let cache = DecodedClusters()
        #expect(Self.regions(cache.decode([Self.cluster("a", version: "1", region: "eu"), Self.cluster("b", version: "1", region: "us")]))
            == ["eu", "us"])
        // Same version, other content: the cached decode stands (a version names one content).
        let next = cache.decode([Self.cluster("a", version: "1", region: "changed"), Self.cluster("b", version: "2", region: "ap")])
        #expect(Self.regions(next) == ["eu", "ap"])
    }

    @Test("a removed cluster is forgotten; one without a resourceVersion is decoded every time")
    func forgetting() {
        let cache = DecodedClusters()
        _ = cache.decode([Self.cluster("a", version: "1", region: "eu")])
        _ = cache.decode([])
        #expect(Self.regions(cache.decode([Self.cluster("a", version: "1", region: "us")])) == ["us"])
        _ = cache.decode([Self.cluster("c", version: nil, region: "eu")])
        #expect(Self.regions(cache.decode([Self.cluster("c", version: nil, region: "us")])) == ["us"])
    }

    @Test("a cluster that does not decode carries its error into the inventory")
    func invalid() {
        let cache = DecodedClusters()
        var broken = Self.cluster("bad", version: "3", region: "eu")
        broken["spec"] = "not an object"
        let results = cache.decode([broken, Self.cluster("a", version: "1", region: "eu")])
        let inventory = ObjectInventory([], decodedClusters: results)
        #expect(inventory.clusters.map(\.name) == ["a"])
        #expect(inventory.errors.count == 1)
        #expect(inventory.errors.first?.description.contains("bad") == true)
        #expect(inventory.clusterLabels["a"] == ["region": "eu"])
    }
}
