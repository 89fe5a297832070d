import KubeObjects
import Testing

@testable import KubeClient

@Suite("Object keys")
struct ObjectKeyTests {
    @Test("A key prints as namespace/name, or as the name alone when cluster-scoped")
    func description() {
        #expect(ObjectKey(namespace: "team-a", name: "web").description == "team-a/web")
        #expect(ObjectKey(resource: GroupResource(group: "", resource: "nodes"), namespace: nil, name: "n1").description == "n1")
        #expect(GroupResource(group: "apps", resource: "deployments").description == "deployments.apps")
        #expect(GroupResource(group: "", resource: "pods").description == "pods")
    }

    @Test("A key read from an object takes its metadata, and an empty namespace counts as none")
    func fromObject() {
        let deployments = GroupResource(group: "apps", resource: "deployments")
        let key = ObjectKey(object: kubeObject(name: "web", version: "1"), resource: deployments)
        #expect(key == ObjectKey(resource: deployments, namespace: "default", name: "web"))
        #expect(ObjectKey(object: kubeObject(namespace: "", name: "n", version: "1"))?.namespace == nil)
        #expect(ObjectKey(object: ["metadata": ["namespace": "default"]]) == nil)
    }

    @Test("Keys order by resource, then namespace with cluster-scoped first, then name")
    func ordering() {
        let keys = [
            ObjectKey(namespace: "b", name: "a"), ObjectKey(namespace: nil, name: "z"),
            ObjectKey(namespace: "a", name: "b"), ObjectKey(namespace: "a", name: "a"),
        ]
        #expect(keys.sorted().map(\.description) == ["z", "a/a", "a/b", "b/a"])
    }
}
