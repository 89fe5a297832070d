import Federation
import KubeObjects
import Placement
import Testing

/// `status.resources` from nodes and pods, without a server.
@Suite struct ClusterCapacityTests {
    static func quantity(_ text: String) -> Quantity { try! Quantity(parsing: text) }

    @Test(
        arguments: [
            (Fixtures.node("n", gpus: 1), true),
            (Fixtures.node("n", gpus: 1, ready: false), false),
            (Fixtures.node("n", gpus: 1, unschedulable: true), false),
            (Fixtures.node("n", gpus: 1, taint: "NoSchedule"), false),
            (Fixtures.node("n", gpus: 1, taint: "NoExecute"), false),
            (Fixtures.node("n", gpus: 1, taint: "PreferNoSchedule"), true),
            (["metadata": ["name": "no-conditions"], "status": ["allocatable": ["cpu": "1"]]] as JSONValue, true),
        ] as [(JSONValue, Bool)])
    func aNodeIsSchedulableWhenReadyUncordonedAndUntainted(_ node: JSONValue, _ schedulable: Bool) {
        #expect(ClusterCapacity.isSchedulable(node) == schedulable)
    }

    @Test func aPodRequestsTheLargerOfItsContainersAndInitContainersPlusOverhead() {
        let pod: JSONValue = [
            "spec": [
                "initContainers": [
                    ["name": "fetch", "resources": ["requests": ["cpu": "3", "nvidia.com/gpu": "1"]]],
                    ["name": "warm", "resources": ["limits": ["memory": "8Gi"]]],
                ],
                "containers": [
                    [
                        "name": "a",
                        "resources": [
                            "requests": ["cpu": "500m", "memory": "1Gi"], "limits": ["nvidia.com/gpu": "2"],
                        ],
                    ],
                    ["name": "b", "resources": ["requests": ["cpu": "1500m", "memory": "2Gi"]]],
                ],
                "overhead": ["cpu": "250m"],
            ]
        ]
        let requests = ClusterCapacity.requests(ofPod: pod)
        #expect(requests["cpu"] == Self.quantity("3250m"), "init 3 beats 0.5 + 1.5, plus 250m overhead")
        #expect(requests["memory"] == Self.quantity("8Gi"), "init container's limit stands in for its request")
        #expect(requests["nvidia.com/gpu"] == Self.quantity("2"), "the container's limit stands in")
    }

    @Test func allocatableSumsSchedulableNodesWithoutPodsAndAvailableSubtractsLivePods() {
        let nodes = [
            Fixtures.node("a", gpus: 8), Fixtures.node("b", gpus: 8),
            Fixtures.node("cordoned", gpus: 8, unschedulable: true),
        ]
        var storagePod = Fixtures.pod("scratch", gpus: 1)
        storagePod["spec"] = ["containers": [["name": "x", "resources": ["requests": ["ephemeral-storage": "1Gi"]]]]]
        let pods = [
            Fixtures.pod("running", gpus: 3), Fixtures.pod("pending", gpus: 2, phase: "Pending"),
            Fixtures.pod("succeeded", gpus: 8, phase: "Succeeded"), Fixtures.pod("failed", gpus: 8, phase: "Failed"),
            storagePod,
        ]
        let resources = ClusterCapacity.resources(nodes: nodes, pods: pods)
        #expect(resources.schedulableNodes == 2)
        #expect(
            resources.allocatable.quantities == [
                "cpu": Self.quantity("128"), "memory": Self.quantity("1Ti"), "nvidia.com/gpu": Self.quantity("16"),
            ])
        #expect(
            resources.available.quantities == [
                "cpu": Self.quantity("126"), "memory": Self.quantity("1Ti"), "nvidia.com/gpu": Self.quantity("11"),
            ], "ephemeral-storage is not in allocatable, so it is not tracked")
        #expect(resources.allocatable.quantities["memory"]?.description == "1Ti")
    }

    @Test func podsOnUnschedulableNodesCanDriveAvailableBelowZero() {
        let resources = ClusterCapacity.resources(
            nodes: [Fixtures.node("a", gpus: 2), Fixtures.node("down", gpus: 8, ready: false)],
            pods: [Fixtures.pod("big", gpus: 6)])
        #expect(resources.available.value(of: "nvidia.com/gpu") == -4)
    }
}
