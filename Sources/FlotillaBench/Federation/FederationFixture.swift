import Federation
import KubeClient
import KubeObjects
import Placement

/// The federation the controller benchmark runs against: the KubeAdmiral CRDs, `memberCount`
/// Joined and Ready FederatedClusters with GPUs, one shared Divide policy with equal weights,
/// one policy of its own per latency sample, and `workloads` GPU Deployments of 10 replicas.
///
/// With equal weights over 10 members, each member's copy of every workload has exactly one
/// replica: convergence is checkable object by object. Names are deterministic.
struct FederationFixture: Sendable {
    static let namespace = "default"
    static let replicas: Int64 = 10
    /// Sample workloads carry this label (kept on their member copies), which the latency
    /// probe's member watches select on.
    static let sampleLabel = "bench.flotilla.io/sample"

    var workloads: Int
    var samples: Int
    var memberCount = 10

    var clusterNames: [String] { (0..<memberCount).map { "bench-member-\($0)" } }
    /// Replicas each member's copy of a workload has once the controller has converged.
    var replicasPerMember: Int64 { Self.replicas / Int64(memberCount) }

    func workloadName(_ index: Int) -> String { "bench-workload-\(index)" }
    /// The first `samples` workloads are the latency samples, each bound to its own policy.
    func samplePolicyName(_ index: Int) -> String { "bench-sample-\(index)" }
    static let sharedPolicyName = "bench-spread"

    // MARK: Objects

    /// A member as the cluster controller reports it once joined: Joined and Ready, 8 GPUs.
    func cluster(_ name: String) -> JSONValue {
        func condition(_ type: String, _ reason: String) -> JSONValue {
            [
                "type": .string(type), "status": "True", "reason": .string(reason), "message": "benchmark",
                "lastProbeTime": "2026-01-01T00:00:00Z", "lastTransitionTime": "2026-01-01T00:00:00Z",
            ]
        }
        return [
            "apiVersion": "core.kubeadmiral.io/v1alpha1", "kind": "FederatedCluster",
            "metadata": ["name": .string(name)],
            "spec": ["apiEndpoint": .string("https://\(name).bench.invalid:6443"), "secretRef": ["name": .string(name)]],
            "status": [
                "conditions": [condition("Joined", "ClusterJoined"), condition("Ready", "ClusterReady")],
                "resources": [
                    "schedulableNodes": 4,
                    "allocatable": ["cpu": "64", "memory": "256Gi", "nvidia.com/gpu": "8"],
                    "available": ["cpu": "64", "memory": "256Gi", "nvidia.com/gpu": "8"],
                ],
                "apiResourceTypes": [
                    [
                        "group": "apps", "version": "v1", "kind": "Deployment", "pluralName": "deployments",
                        "scope": "Namespaced",
                    ]
                ],
            ],
        ]
    }

    /// A Divide (Spread) policy over every member; `heavy` gives the first member weight 12
    /// and the rest 1, which moves replicas (`1 each` → `5 on the first, 1 on five others`).
    func policy(_ name: String, heavy: Bool = false) -> JSONValue {
        [
            "apiVersion": "core.kubeadmiral.io/v1alpha1", "kind": "PropagationPolicy",
            "metadata": ["name": .string(name), "namespace": .string(Self.namespace)],
            "spec": [
                "schedulingMode": "Divide",
                "placement": placement(heavy: heavy),
                "reschedulePolicy": [
                    "replicaRescheduling": ["avoidDisruption": false],
                    "rescheduleWhen": ["policyContentChanged": true],
                ],
            ],
        ]
    }

    /// The `spec.placement` list of `policy(_:heavy:)`, for patches.
    func placement(heavy: Bool) -> JSONValue {
        .array(
            clusterNames.enumerated().map { index, cluster in
                ["cluster": .string(cluster), "preferences": ["weight": .int(heavy && index == 0 ? 12 : 1)]]
            })
    }

    func deployment(_ index: Int) -> JSONValue {
        let isSample = index < samples
        var labels = JSONObject()
        labels[PolicyLabel.propagationPolicy] = .string(isSample ? samplePolicyName(index) : Self.sharedPolicyName)
        labels["app"] = .string(workloadName(index))
        if isSample { labels[Self.sampleLabel] = "true" }
        return [
            "apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": ["name": .string(workloadName(index)), "namespace": .string(Self.namespace), "labels": .object(labels)],
            "spec": [
                "replicas": .int(Self.replicas),
                "selector": ["matchLabels": ["app": .string(workloadName(index))]],
                "template": [
                    "metadata": ["labels": ["app": .string(workloadName(index))]],
                    "spec": [
                        "containers": [
                            [
                                "name": "trainer", "image": "registry.bench.invalid/gpu-burn:1",
                                "resources": [
                                    "requests": ["cpu": "1", "nvidia.com/gpu": "1"], "limits": ["nvidia.com/gpu": "1"],
                                ],
                            ]
                        ]
                    ],
                ],
            ],
        ]
    }

    // MARK: Seeding

    /// Creates everything on the host, before any controller runs. Deployments go in over
    /// `concurrency` parallel requests; clusters get their status through the subresource.
    func seed(host: KubeAPI, concurrency: Int = 8) async throws {
        for crd in KubeAdmiralDefinitions.all { _ = try await host.create(.customResourceDefinitions, crd) }
        for name in clusterNames {
            let object = cluster(name)
            var created = try await host.create(.federatedClusters, object)
            created["status"] = object["status"]
            _ = try await host.updateSubresource(.federatedClusters, created, subresource: "status")
        }
        _ = try await host.create(.propagationPolicies, policy(Self.sharedPolicyName))
        for index in 0..<samples { _ = try await host.create(.propagationPolicies, policy(samplePolicyName(index))) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for lane in 0..<concurrency {
                group.addTask {
                    for index in stride(from: lane, to: workloads, by: concurrency) {
                        _ = try await host.create(.deployments, deployment(index))
                    }
                }
            }
            try await group.waitForAll()
        }
    }
}
