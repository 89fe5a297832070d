import KubeClient
import KubeObjects
import Placement
import Testing

@testable import Federation

@Suite("Cached workload")
struct CachedWorkloadTests {
    static let workload: JSONValue = [
        "apiVersion": "apps/v1", "kind": "Deployment",
        "metadata": [
            "name": "web", "namespace": "prod", "resourceVersion": "7",
            "labels": [.init(PolicyLabel.propagationPolicy): "spread", "app": "web"],
            "managedFields": [["manager": "kubectl", "fieldsV1": ["f:spec": [:]]]],
        ],
        "spec": ["replicas": 3],
        "status": ["replicas": 3],
    ]

    @Test("the cached object is the workload without managedFields")
    func keepsTheObject() throws {
        let cached = try #require(CachedWorkload(cachedFrom: Self.workload))
        var expected = Self.workload
        expected["metadata"]?["managedFields"] = nil
        #expect(try cached.object() == expected)
        #expect(cached.cachedResourceVersion == "7")
    }

    @Test("only the policy labels are indexed")
    func indexesPolicyLabels() async throws {
        let cached = try #require(CachedWorkload(cachedFrom: Self.workload))
        #expect(cached.indexedLabels.map(\.0) == [PolicyLabel.propagationPolicy])
        #expect(cached.indexedLabels.map(\.1) == ["spread"])
        let store = TypedStore<CachedWorkload>(resource: nil)
        await store.apply(.applied(Self.workload))
        let snapshot = await store.snapshot()
        #expect(snapshot.keys(labeled: PolicyLabel.propagationPolicy, "spread").map(\.name) == ["web"])
        #expect(snapshot.keys(labeled: "app", "web").isEmpty)
    }
}
