import KubeObjects
import Testing

@testable import Placement

@Suite("Reading Deployments")
struct WorkloadTests {
    /// fed-dp-gpu from the reference scenario, as JSON.
    static let scenarioDeployment = """
        {"apiVersion": "apps/v1", "kind": "Deployment",
         "metadata": {"name": "fed-dp-gpu", "namespace": "default",
                      "labels": {"kubeadmiral.io/propagation-policy-name": "fed-pp-weight", "kubeadmiral.io/override-policy-name": "fed-op"}},
         "spec": {"replicas": 10, "selector": {"matchLabels": {"app": "gpu-demo"}},
                  "template": {"metadata": {"annotations": {}, "labels": {"app": "gpu-demo"}},
                               "spec": {"containers": [{"name": "gpu-pod", "image": "dcp-pre-cn-beijing.cr.volces.com/dcp/auto-gpu-burn:0.7",
                                                        "command": ["/bin/sh", "-c", "./gpu_burn 3000"],
                                                        "resources": {"limits": {"nvidia.com/gpu": "1"}, "requests": {"nvidia.com/gpu": "1"}}}]}}}}
        """

    @Test func theScenarioDeploymentIsAGPUWorkloadOfTenReplicas() throws {
        let workload = try Workload.decode(Fixtures.parse(Self.scenarioDeployment))
        #expect(workload.reference.description == "Deployment default/fed-dp-gpu")
        #expect(workload.replicas == 10)
        #expect(workload.requestsGPU)
        #expect(workload.resourceRequest == ResourceRequest(milliCPU: 0, memory: 0, gpu: 1))
        #expect(workload.labels["kubeadmiral.io/propagation-policy-name"] == "fed-pp-weight")
        #expect(workload.podTemplate["metadata"]?["labels"]?["app"] == "gpu-demo")
    }

    @Test func aDeploymentWithoutReplicasHasOne() throws {
        #expect(try Fixtures.deployment(replicas: nil).replicas == 1)
        #expect(try Fixtures.deployment(replicas: .null).replicas == 1)
    }

    @Test func aDeploymentWithoutGPUsDoesNotRequestGPUs() throws {
        let workload = try Fixtures.deployment(gpu: false)
        #expect(!workload.requestsGPU)
        #expect(workload.resourceRequest == ResourceRequest(milliCPU: 500, memory: 1 << 30, gpu: 0))
    }

    static let gpuSpecs: [(containers: String, requestsGPU: Bool)] = [
        (#""containers": [{"name": "a", "resources": {"limits": {"nvidia.com/gpu": 2}}}]"#, true),
        (#""containers": [{"name": "a", "resources": {"requests": {"nvidia.com/gpu": "1"}}}]"#, true),
        (#""containers": [{"name": "a"}], "initContainers": [{"name": "i", "resources": {"limits": {"nvidia.com/gpu": "1"}}}]"#, true),
        (#""containers": [{"name": "a", "resources": {"requests": {"nvidia.com/gpu": "0"}, "limits": {"nvidia.com/gpu": "0"}}}]"#, false),
        (#""containers": [{"name": "a", "resources": {"requests": {"amd.com/gpu": "1"}}}]"#, false),
        (#""containers": [{"name": "a"}]"#, false),
    ]

    @Test(arguments: gpuSpecs)
    func anyContainerOrInitContainerAskingForAGPUMakesAGPUWorkload(_ example: (containers: String, requestsGPU: Bool)) throws {
        let raw = try Fixtures.parse(
            #"{"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "w", "namespace": "ns"}, "spec": {"template": {"spec": {"#
                + example.containers + "}}}}")
        #expect(try Workload.decode(raw).requestsGPU == example.requestsGPU)
    }

    @Test func containerRequestsAreSummedInitContainersTakeTheMaximumAndLimitsStandInForMissingRequests() throws {
        let raw = try Fixtures.parse(
            """
            {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "w", "namespace": "ns"},
             "spec": {"template": {"spec": {
               "containers": [
                 {"name": "a", "resources": {"requests": {"cpu": "500m", "memory": "1Gi"}, "limits": {"nvidia.com/gpu": 1}}},
                 {"name": "b", "resources": {"limits": {"cpu": "1", "memory": "512Mi"}}}],
               "initContainers": [
                 {"name": "i1", "resources": {"requests": {"cpu": "2"}}},
                 {"name": "i2", "resources": {"requests": {"memory": "1Mi", "nvidia.com/gpu": 2}}}],
               "overhead": {"cpu": "100m"}}}}}
            """)
        let request = try Workload.decode(raw).resourceRequest
        #expect(request.milliCPU == 2_000 + 100)
        #expect(request.memory == (1 << 30) + (512 << 20))
        #expect(request.gpu == 2)
    }

    static let badDeployments: [(object: String, message: String)] = [
        (
            #"{"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "w"}, "spec": {"template": {}}}"#,
            "Deployment w: metadata.namespace: required field is missing"
        ),
        (
            #"{"apiVersion": "extensions/v1beta1", "kind": "Deployment", "metadata": {"name": "w", "namespace": "ns"}, "spec": {}}"#,
            #"Deployment ns/w: apiVersion: expected "apps/v1", got "extensions/v1beta1""#
        ),
        (
            #"{"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "w", "namespace": "ns"}, "spec": {"replicas": -2}}"#,
            "Deployment ns/w: spec.replicas: must be greater than or equal to 0, got -2"
        ),
        (
            #"{"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "w", "namespace": "ns"}, "spec": {"template": {"spec": {"containers": [{"name": "a", "resources": {"requests": {"cpu": "lots"}}}]}}}}"#,
            #"Deployment ns/w: spec.template.spec.containers[0].resources.requests[cpu]: invalid quantity "lots": missing the number before the suffix"#
        ),
        (
            #"{"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "w", "namespace": "ns", "labels": {"tier": 1}}, "spec": {}}"#,
            "Deployment ns/w: metadata.labels[tier]: expected a string, got an integer"
        ),
    ]

    @Test(arguments: badDeployments)
    func aBadDeploymentIsRejectedWithTheFieldPath(_ example: (object: String, message: String)) throws {
        let raw = try Fixtures.parse(example.object)
        #expect(Fixtures.message { _ = try Workload.decode(raw) } == example.message)
    }
}

@Suite("Resource lists")
struct ResourceListTests {
    static let examples: [(quantity: JSONValue, value: Int64, milliValue: Int64)] = [
        ("1", 1, 1_000), ("500m", 1, 500), ("1.5", 2, 1_500), ("0.1", 1, 100), ("2k", 2_000, 2_000_000),
        ("1Ki", 1_024, 1_024_000), ("96Gi", 103_079_215_104, 103_079_215_104_000), ("1e3", 1_000, 1_000_000),
        ("1E", 1_000_000_000_000_000_000, .max), ("100n", 1, 1), ("0", 0, 0), (4, 4, 4_000), (0.25, 1, 250),
    ]

    @Test(arguments: examples)
    func quantitiesReadAsWholeUnitsAndThousandthsRoundedUp(_ example: (quantity: JSONValue, value: Int64, milliValue: Int64)) throws {
        let reader = FieldReader(object: FieldReaderTests.object, value: ["r": example.quantity])
        let list = try ResourceList.decode(reader)
        #expect(list.value(of: "r") == example.value)
        #expect(list.milliValue(of: "r") == example.milliValue)
    }

    @Test func aQuantityOfTheWrongTypeIsRejected() {
        let reader = FieldReader(object: FieldReaderTests.object, path: "requests", value: ["cpu": true])
        #expect(
            Fixtures.message { _ = try ResourceList.decode(reader) }
                == "PropagationPolicy default/p: requests[cpu]: expected a quantity (a string or a number), got a boolean")
    }
}
