import Federation
import KubeClient
import KubeObjects
import Placement
import Testing

/// Taking over an object on request, and letting go of a workload whose policy label is removed.
extension WorkloadControllerTests {
    @Test("with flotilla.io/adopt, an object Flotilla did not create is taken over and becomes Flotilla's")
    func adoptsOnRequest() async throws {
        try await withFederation { harness, _ in
            let ack = harness.members[Self.ack]!.api
            let foreign: JSONValue = [
                "apiVersion": "apps/v1", "kind": "Deployment",
                "metadata": ["name": "fed-dp-gpu", "namespace": "default", "labels": ["owner": "someone-else"]],
                "spec": [
                    "replicas": 1, "selector": ["matchLabels": ["app": "gpu-demo"]],
                    "template": [
                        "metadata": ["labels": ["app": "gpu-demo"]], "spec": ["containers": [["name": "c", "image": "x"]]],
                    ],
                ],
            ]
            let created = try await ack.create(.deployments, namespace: "default", foreign)
            var workload = try FederationHarness.scenario("deployment-weight.yaml")[0]
            workload["metadata"]?["annotations"] = ["flotilla.io/adopt": "true"]
            try await harness.apply(workload)

            try await harness.eventually { try await harness.memberReplicas("default", "fed-dp-gpu") == Self.weightedLayout }
            let adopted = try await ack.get(.deployments, namespace: "default", name: "fed-dp-gpu")
            #expect(adopted[path: ["metadata", "uid"]] == created[path: ["metadata", "uid"]], "updated in place")
            #expect(adopted[path: ["metadata", "labels", "app.kubernetes.io/managed-by"]] == "flotilla")
            #expect(adopted[path: ["spec", "template", "spec", "containers"]]?[0]?["name"] == "gpu-pod")
            #expect(try await harness.events("AdoptionRefused", about: "fed-dp-gpu").isEmpty)
        }
    }

    @Test("removing the policy label stops propagation: member objects go, the host Deployment stays, unmarked")
    func unbindingReleasesTheWorkload() async throws {
        try await withFederation { harness, _ in
            try await applyWeightedWorkloadUntilPlaced(harness)
            _ = try await harness.hostAPI.patch(
                .deployments, namespace: "default", name: "fed-dp-gpu",
                ["metadata": ["labels": [PolicyLabel.propagationPolicy: .null]]])
            try await harness.eventually(within: .seconds(30), "the member objects removed") {
                try await harness.memberReplicas("default", "fed-dp-gpu").isEmpty
            }
            try await harness.eventually(within: .seconds(30), "the finalizer and annotations removed") {
                let host = try await harness.hostAPI.get(.deployments, namespace: "default", name: "fed-dp-gpu")
                let finalizers = host[path: ["metadata", "finalizers"]]?.arrayValue ?? []
                let annotations = host[path: ["metadata", "annotations"]]?.objectValue?.keys ?? []
                return finalizers.isEmpty && !annotations.contains(SchedulingAnnotation.placement)
            }
            let host = try await harness.hostAPI.get(.deployments, namespace: "default", name: "fed-dp-gpu")
            #expect(host[path: ["spec", "replicas"]] == 10, "the host Deployment itself is left alone")
            #expect(try await !harness.events("Released", about: "fed-dp-gpu").isEmpty)
        }
    }
}

extension WorkloadControllerTests {
    @Test("a workload in a namespace the members lack: the namespace is created there, and left when the workload goes")
    func createsTheMembersNamespace() async throws {
        try await withFederation { harness, _ in
            _ = try await harness.hostAPI.create(
                .namespaces, ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "team-a"]])
            try await harness.apply([
                "apiVersion": "core.kubeadmiral.io/v1alpha1", "kind": "PropagationPolicy",
                "metadata": ["name": "team-a", "namespace": "team-a"],
                "spec": ["schedulingMode": "Divide", "placement": [["cluster": .string(Self.ack)]]],
            ])
            var workload = try FederationHarness.scenario("deployment-weight.yaml")[0]
            workload["metadata"]?["namespace"] = "team-a"
            workload["metadata"]?["labels"] = [.init(PolicyLabel.propagationPolicy): "team-a"]
            try await harness.apply(workload)

            try await harness.eventually(within: .seconds(30), "the copy created in ACK-POC's new namespace") {
                try await harness.memberReplicas("team-a", "fed-dp-gpu") == [Self.ack: 10]
            }
            let ack = harness.members[Self.ack]!.api
            let namespace = try await ack.get(.namespaces, name: "team-a")
            #expect(namespace[path: ["metadata", "labels", "app.kubernetes.io/managed-by"]] == "flotilla")
            let vke1 = harness.members[Self.vke1]!.api
            #expect((try? await vke1.get(.namespaces, name: "team-a")) == nil, "only selected members get it")

            try await harness.hostAPI.delete(.deployments, namespace: "team-a", name: "fed-dp-gpu")
            try await harness.eventually(within: .seconds(30), "the copy deleted") {
                try await harness.memberReplicas("team-a", "fed-dp-gpu").isEmpty
            }
            #expect((try? await ack.get(.namespaces, name: "team-a")) != nil, "the namespace stays")
        }
    }
}
