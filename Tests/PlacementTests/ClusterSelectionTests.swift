import KubeObjects
import Testing

@testable import Placement

@Suite("Cluster selection: filters")
struct ClusterFilterTests {
    /// The reason `cluster` is left out, as `reason (Plugin)`, or `nil` when it is selected.
    static func exclusion(of cluster: FederatedCluster, _ request: PlacementRequest, now: Timestamp = Fixtures.now) -> String? {
        let selection = Fixtures.select(request, [cluster], now: now)
        return selection.excluded.first { $0.cluster == cluster.name }?.description
    }

    @Test func theScenarioClustersAreAllSelectedForTheWeightPolicy() throws {
        let policy = try PropagationPolicy.decode(ScenarioPolicies.document("fed-pp-weight"))
        let request = try PlacementRequest(workload: Fixtures.deployment(), policy: policy)
        let clusters = try ["cclt81kqnjbeqedvbbt0g", "ccltbv1p1h4ho7pq6sugg", "cclt75bp1h4ho7pq6su9g"].map { try Fixtures.cluster($0) }
        let selection = Fixtures.select(request, clusters)
        #expect(selection.excluded.isEmpty)
        #expect(selection.selectedNames == ["cclt75bp1h4ho7pq6su9g", "cclt81kqnjbeqedvbbt0g", "ccltbv1p1h4ho7pq6sugg"])
    }

    @Test func clustersThatHaveNotJoinedAreLeftOutWithTheirJoinReason() throws {
        let cluster = try FederatedCluster.decode(
            Fixtures.parse(
                #"{"apiVersion": "core.kubeadmiral.io/v1alpha1", "kind": "FederatedCluster", "metadata": {"name": "m"}, "spec": {"apiEndpoint": "x", "secretRef": {"name": "m"}}, "status": {"conditions": [{"type": "Joined", "status": "False", "reason": "JoinTimeoutExceeded"}]}}"#
            ))
        #expect(Self.exclusion(of: cluster, try Fixtures.request()) == "not joined (JoinTimeoutExceeded) (Joined)")
        let unprobed = try Fixtures.cluster("n", joined: "Unknown")
        #expect(Self.exclusion(of: unprobed, try Fixtures.request()) == "not joined (Joined is Unknown) (Joined)")
    }

    @Test func aClusterWithoutDeploymentsIsLeftOutButOneReportingNoTypesIsKept() throws {
        let statefulSetsOnly = try Fixtures.cluster(
            "s", apiResourceTypes: [["group": "apps", "version": "v1", "kind": "StatefulSet", "pluralName": "statefulsets", "scope": "Namespaced"]])
        #expect(Self.exclusion(of: statefulSetsOnly, try Fixtures.request()) == "does not serve apps/v1 Deployment (APIResources)")
        #expect(Self.exclusion(of: try Fixtures.cluster("u", apiResourceTypes: []), try Fixtures.request()) == nil)
    }

    static let taintCases: [(taint: JSONValue, tolerations: String, holds: Bool, reason: String?)] = [
        (["key": "gpu", "value": "busy", "effect": "NoSchedule"], "[]", false, "untolerated taint gpu=busy:NoSchedule (TaintToleration)"),
        (["key": "gpu", "value": "busy", "effect": "NoSchedule"], "[]", true, nil),
        (["key": "down", "effect": "NoExecute"], "[]", true, "untolerated taint down:NoExecute (TaintToleration)"),
        (["key": "gpu", "value": "busy", "effect": "NoSchedule"], #"[{"key": "gpu", "operator": "Equal", "value": "busy"}]"#, false, nil),
        (["key": "gpu", "value": "busy", "effect": "NoSchedule"], #"[{"key": "gpu", "operator": "Equal", "value": "idle"}]"#, false, "untolerated taint gpu=busy:NoSchedule (TaintToleration)"),
        (["key": "gpu", "value": "busy", "effect": "NoSchedule"], #"[{"key": "gpu", "operator": "Exists"}]"#, false, nil),
        (["key": "gpu", "value": "busy", "effect": "NoSchedule"], #"[{"operator": "Exists"}]"#, false, nil),
        (["key": "gpu", "value": "busy", "effect": "NoSchedule"], #"[{"key": "gpu", "operator": "Exists", "effect": "NoExecute"}]"#, false, "untolerated taint gpu=busy:NoSchedule (TaintToleration)"),
        (["key": "cost", "effect": "PreferNoSchedule"], "[]", false, nil),
    ]

    @Test(arguments: taintCases)
    func untoleratedTaintsKeepNewClustersOutAndOnlyNoExecuteRemovesAHeldOne(
        _ example: (taint: JSONValue, tolerations: String, holds: Bool, reason: String?)
    ) throws {
        let cluster = try Fixtures.cluster("m", taints: [example.taint])
        let annotations = example.holds ? ["flotilla.io/placement": #"{"m": 2}"#] : [:]
        let request = try Fixtures.request(#"{"schedulingMode": "Divide", "tolerations": "# + example.tolerations + "}", annotations: annotations)
        #expect(Self.exclusion(of: cluster, request) == example.reason)
    }

    @Test func aHeldClusterWithAnUntoleratedNoScheduleTaintIsSelectedAndMarkedForTheCap() throws {
        let request = try Fixtures.request(annotations: ["flotilla.io/placement": #"{"m": 2}"#])
        let tainted = try Fixtures.cluster("m", taints: [["key": "gpu", "value": "busy", "effect": "NoSchedule"]])
        let clean = try Fixtures.cluster("n")
        let selection = Fixtures.select(request, [tainted, clean])
        #expect(selection.selected.map { "\($0.name):\($0.hasUntoleratedNoScheduleTaint)" }.sorted() == ["m:true", "n:false"])
    }

    @Test func anExplicitPlacementListKeepsOnlyTheListedClusters() throws {
        let request = try Fixtures.request(#"{"schedulingMode": "Divide", "placement": [{"cluster": "a"}]}"#)
        #expect(Self.exclusion(of: try Fixtures.cluster("b"), request) == "not in spec.placement (PlacementFilter)")
        #expect(Self.exclusion(of: try Fixtures.cluster("a"), request) == nil)
        let annotated = try Fixtures.request(annotations: ["kubeadmiral.io/placements": #"[{"cluster": "a"}]"#])
        #expect(Self.exclusion(of: try Fixtures.cluster("b"), annotated) == "not in the kubeadmiral.io/placements annotation (PlacementFilter)")
    }

    @Test func theClusterSelectorMustMatchEveryPair() throws {
        let request = try Fixtures.request(#"{"schedulingMode": "Divide", "clusterSelector": {"region": "us", "gpu": "h100"}}"#)
        #expect(Self.exclusion(of: try Fixtures.cluster("a", labels: ["region": "us", "gpu": "h100", "x": "y"]), request) == nil)
        #expect(
            Self.exclusion(of: try Fixtures.cluster("b", labels: ["region": "us"]), request)
                == "labels do not match clusterSelector gpu=h100,region=us (ClusterAffinity)")
    }

    static let affinityCases: [(term: String, labels: [String: String], name: String, selected: Bool)] = [
        (#"{"matchExpressions": [{"key": "gpu", "operator": "In", "values": ["a100", "h100"]}]}"#, ["gpu": "h100"], "a", true),
        (#"{"matchExpressions": [{"key": "gpu", "operator": "In", "values": ["a100"]}]}"#, ["gpu": "h100"], "a", false),
        (#"{"matchExpressions": [{"key": "gpu", "operator": "NotIn", "values": ["t4"]}]}"#, [:], "a", true),
        (#"{"matchExpressions": [{"key": "gpu", "operator": "Exists", "values": []}]}"#, [:], "a", false),
        (#"{"matchExpressions": [{"key": "gpu", "operator": "DoesNotExist", "values": []}]}"#, [:], "a", true),
        (#"{"matchExpressions": [{"key": "gpus", "operator": "Gt", "values": ["4"]}]}"#, ["gpus": "8"], "a", true),
        (#"{"matchExpressions": [{"key": "gpus", "operator": "Gt", "values": ["8"]}]}"#, ["gpus": "8"], "a", false),
        (#"{"matchExpressions": [{"key": "gpus", "operator": "Lt", "values": ["8"]}]}"#, ["gpus": "4"], "a", true),
        (#"{"matchExpressions": [{"key": "gpus", "operator": "Lt", "values": ["8"]}]}"#, ["gpus": "many"], "a", false),
        (#"{"matchFields": [{"key": "metadata.name", "operator": "In", "values": ["a"]}]}"#, [:], "a", true),
        (#"{"matchFields": [{"key": "metadata.name", "operator": "NotIn", "values": ["a"]}]}"#, [:], "a", false),
        (
            #"{"matchExpressions": [{"key": "gpu", "operator": "Exists", "values": []}], "matchFields": [{"key": "metadata.name", "operator": "In", "values": ["b"]}]}"#,
            ["gpu": "h100"], "a", false
        ),
        (#"{}"#, ["gpu": "h100"], "a", false),
    ]

    @Test(arguments: affinityCases)
    func requiredAffinityTermsSupportEveryOperatorAndMatchFields(
        _ example: (term: String, labels: [String: String], name: String, selected: Bool)
    ) throws {
        let request = try Fixtures.request(#"{"schedulingMode": "Divide", "clusterAffinity": ["# + example.term + "]}")
        let reason = Self.exclusion(of: try Fixtures.cluster(example.name, labels: example.labels), request)
        #expect(reason == (example.selected ? nil : "matches no required clusterAffinity term (ClusterAffinity)"))
    }

    @Test func affinityTermsAreORed() throws {
        let request = try Fixtures.request(
            #"{"schedulingMode": "Divide", "clusterAffinity": [{"matchExpressions": [{"key": "gpu", "operator": "In", "values": ["a100"]}]}, {"matchExpressions": [{"key": "gpu", "operator": "In", "values": ["h100"]}]}]}"#)
        #expect(Self.exclusion(of: try Fixtures.cluster("a", labels: ["gpu": "h100"]), request) == nil)
    }

    @Test func aNotReadyClusterIsLeftOutUnlessItAlreadyHoldsTheWorkload() throws {
        let unreachable = try Fixtures.cluster("m", ready: "Unknown", readyReason: "ClusterNotReachable")
        #expect(Self.exclusion(of: unreachable, try Fixtures.request()) == "not ready (ClusterNotReachable) (ClusterReady)")
        let held = try Fixtures.request(annotations: ["flotilla.io/placement": #"{"m": 3}"#])
        #expect(Self.exclusion(of: unreachable, held) == nil)
    }

    @Test func aTerminatingClusterIsLeftOutEvenIfItHoldsTheWorkload() throws {
        let cluster = try Fixtures.cluster("m", deletionTimestamp: "2026-11-23T09:00:00Z")
        let held = try Fixtures.request(annotations: ["flotilla.io/placement": #"{"m": 3}"#])
        #expect(Self.exclusion(of: cluster, held) == "terminating since 2026-11-23T09:00:00Z (ClusterTerminating)")
    }

    @Test func anEvictionHoldsUntilValidUntilAndNoLonger() throws {
        let request = try Fixtures.request(
            annotations: ["kubeadmiral.io/migration-configuration": #"{"workloadMigrations": [{"cluster": "m", "validUntil": "2026-11-23T11:00:00Z"}]}"#])
        let cluster = try Fixtures.cluster("m")
        #expect(
            Self.exclusion(of: cluster, request)
                == "evicted until 2026-11-23T11:00:00Z by kubeadmiral.io/migration-configuration (ClusterEvicted)")
        #expect(Self.exclusion(of: cluster, request, now: Timestamp(rfc3339: "2026-11-23T11:00:00Z")!) == nil)
    }

    static let gpuCases: [(allocatable: JSONValue, gpuWorkload: Bool, holds: Bool, reason: String?)] = [
        (["cpu": "24", "nvidia.com/gpu": "0"], true, false, "no nvidia.com/gpu in allocatable (GPU)"),
        (["cpu": "24"], true, false, "no nvidia.com/gpu in allocatable (GPU)"),
        ([:], true, false, "no nvidia.com/gpu in allocatable (GPU)"),
        (["cpu": "24", "nvidia.com/gpu": "1"], true, false, nil),
        (["cpu": "24"], false, false, nil),
        (["cpu": "24", "nvidia.com/gpu": "0"], true, true, nil),
    ]

    @Test(arguments: gpuCases)
    func aGPUWorkloadNeverGoesToANewClusterWithoutGPUs(_ example: (allocatable: JSONValue, gpuWorkload: Bool, holds: Bool, reason: String?)) throws {
        let cluster = try Fixtures.cluster("m", allocatable: example.allocatable, available: [:])
        let annotations = example.holds ? ["flotilla.io/placement": #"{"m": 1}"#] : [:]
        let request = try Fixtures.request(annotations: annotations, gpu: example.gpuWorkload)
        #expect(Self.exclusion(of: cluster, request) == example.reason)
    }

    @Test func theFirstFailingFilterGivesTheReason() throws {
        let cluster = try Fixtures.cluster(
            "m", taints: [["key": "gpu", "value": "busy", "effect": "NoSchedule"]], ready: "False", readyReason: "HealthzNotOK")
        let request = try Fixtures.request(#"{"schedulingMode": "Divide", "placement": [{"cluster": "other"}]}"#)
        #expect(Self.exclusion(of: cluster, request) == "untolerated taint gpu=busy:NoSchedule (TaintToleration)")
    }
}

@Suite("Cluster selection: scores, order and maxClusters")
struct ClusterRankingTests {
    @Test func resourceScoresFollowTheKubeSchedulerFormulas() throws {
        // allocatable 24 CPU / 96Gi, available 20 / 80Gi, one pod of 500m / 1Gi:
        // CPU 4.5 of 24 used → free 81; memory 17Gi of 96Gi → free 82; least = (81 + 82) / 2 = 81.
        // balanced = (1 − |0.1875 − 0.1771|) × 100 = 98.96 → 98.
        let selection = Fixtures.select(try Fixtures.request(gpu: false), [try Fixtures.cluster("m")])
        let scores = try #require(selection.selected.first).pluginScores
        #expect(scores["ClusterResourcesLeastAllocated"] == 81)
        #expect(scores["ClusterResourcesBalancedAllocation"] == 98)
        #expect(scores["TaintToleration"] == 100)
        #expect(scores["ClusterAffinity"] == 0)
        #expect(selection.selected.first?.score == 279)
    }

    @Test func anOvercommittedOrEmptyClusterScoresZeroOnResources() throws {
        let full = try Fixtures.cluster("full", available: ["cpu": "0", "memory": "0"])
        let empty = try Fixtures.cluster("empty", allocatable: [:], available: [:])
        let selection = Fixtures.select(try Fixtures.request(gpu: false), [full, empty])
        for cluster in selection.selected {
            #expect(cluster.pluginScores["ClusterResourcesLeastAllocated"] == 0)
            #expect(cluster.pluginScores["ClusterResourcesBalancedAllocation"] == 0)
        }
    }

    @Test func withoutPrioritiesClustersAreOrderedByScoreThenName() throws {
        let busy = try Fixtures.cluster("a-busy", available: ["cpu": "2", "memory": "8Gi", "nvidia.com/gpu": "4"])
        let idle1 = try Fixtures.cluster("c-idle")
        let idle2 = try Fixtures.cluster("b-idle")
        let selection = Fixtures.select(try Fixtures.request(), [busy, idle1, idle2])
        #expect(selection.selectedNames == ["b-idle", "c-idle", "a-busy"])
    }

    @Test func untoleratedPreferNoScheduleTaintsLowerTheScore() throws {
        let preferred = try Fixtures.cluster("b")
        let avoided = try Fixtures.cluster("a", taints: [["key": "spot", "effect": "PreferNoSchedule"]])
        let selection = Fixtures.select(try Fixtures.request(), [avoided, preferred])
        #expect(selection.selectedNames == ["b", "a"])
        #expect(selection.selected.map { $0.pluginScores["TaintToleration"] } == [100, 0])
    }

    @Test func preferredAffinityTermsRaiseTheScoreOfMatchingClusters() throws {
        let request = try Fixtures.request(
            annotations: [
                "kubeadmiral.io/affinity": """
                {"clusterAffinity": {"preferredDuringSchedulingIgnoredDuringExecution": [
                  {"weight": 30, "preference": {"matchExpressions": [{"key": "cloud", "operator": "In", "values": ["aws"]}]}},
                  {"weight": 10, "preference": {"matchExpressions": [{"key": "gpu", "operator": "Exists", "values": []}]}}]}}
                """
            ])
        let clusters = try [
            Fixtures.cluster("a", labels: ["gpu": "t4"]), Fixtures.cluster("b", labels: ["cloud": "aws", "gpu": "h100"]),
            Fixtures.cluster("c"),
        ]
        let selection = Fixtures.select(request, clusters)
        #expect(selection.selectedNames == ["b", "a", "c"])
        #expect(selection.selected.map { $0.pluginScores["ClusterAffinity"] } == [100, 25, 0])
    }

    @Test func anyPlacementPriorityOrdersByPriorityThenName() throws {
        let request = try Fixtures.request(
            #"{"schedulingMode": "Divide", "placement": [{"cluster": "a", "preferences": {"priority": 1}}, {"cluster": "b"}, {"cluster": "c", "preferences": {"priority": 5}}, {"cluster": "d", "preferences": {"priority": 1}}]}"#)
        let clusters = try ["a", "b", "c", "d"].map { try Fixtures.cluster($0) }
        let selection = Fixtures.select(request, clusters)
        #expect(selection.selectedNames == ["c", "a", "d", "b"])
        #expect(selection.selected.map(\.priority) == [5, 1, 1, 0])
    }

    @Test func binpackOrdersByPriorityEvenWithoutPriorities() throws {
        let request = try Fixtures.request(#"{"schedulingMode": "Divide", "replicasStrategy": "Binpack"}"#)
        let busy = try Fixtures.cluster("a", available: ["cpu": "1", "memory": "1Gi", "nvidia.com/gpu": "4"])
        let idle = try Fixtures.cluster("b")
        #expect(Fixtures.select(request, [idle, busy]).selectedNames == ["a", "b"])
    }

    @Test func theScenarioPriorityPolicyOrdersClustersByPriority() throws {
        let policy = try PropagationPolicy.decode(ScenarioPolicies.document("fed-pp-priority"))
        let request = try PlacementRequest(workload: Fixtures.deployment(), policy: policy)
        let clusters = try ["cclt75bp1h4ho7pq6su9g", "ccltbv1p1h4ho7pq6sugg", "cclt81kqnjbeqedvbbt0g"].map { try Fixtures.cluster($0) }
        #expect(
            Fixtures.select(request, clusters).selectedNames == ["cclt81kqnjbeqedvbbt0g", "ccltbv1p1h4ho7pq6sugg", "cclt75bp1h4ho7pq6su9g"])
    }

    @Test func maxClustersKeepsTheTopClustersAndSaysWhyTheOthersWereCut() throws {
        let request = try Fixtures.request(
            #"{"schedulingMode": "Divide", "maxClusters": 2, "placement": [{"cluster": "a", "preferences": {"priority": 1}}, {"cluster": "b", "preferences": {"priority": 3}}, {"cluster": "c", "preferences": {"priority": 2}}]}"#)
        let selection = Fixtures.select(request, try ["a", "b", "c"].map { try Fixtures.cluster($0) })
        #expect(selection.selectedNames == ["b", "c"])
        #expect(selection.excluded.map(\.description) == ["cut by maxClusters=2 (MaxCluster)"])
        #expect(selection.excluded.map(\.cluster) == ["a"])
    }

    @Test func maxClustersZeroSelectsNothingAndLargerThanTheClusterCountCutsNothing() throws {
        let clusters = try ["a", "b"].map { try Fixtures.cluster($0) }
        #expect(Fixtures.select(try Fixtures.request(#"{"schedulingMode": "Divide", "maxClusters": 0}"#), clusters).selected.isEmpty)
        #expect(Fixtures.select(try Fixtures.request(#"{"schedulingMode": "Divide", "maxClusters": 9}"#), clusters).selected.count == 2)
    }

    @Test func aNegativeMaxClustersMakesTheWorkloadUnschedulableWithAReason() throws {
        let request = try Fixtures.request(#"{"schedulingMode": "Divide", "maxClusters": -1}"#)
        let selection = Fixtures.select(request, try ["a", "b"].map { try Fixtures.cluster($0) })
        #expect(selection.selected.isEmpty)
        #expect(
            selection.excluded.map(\.description) == Array(
                repeating: "maxClusters is -1: a negative limit makes the workload unschedulable (MaxCluster)", count: 2))
    }

    @Test func theOrderClustersAreGivenInDoesNotChangeTheSelection() throws {
        let clusters = try [
            Fixtures.cluster("c"), Fixtures.cluster("a", taints: [["key": "x", "effect": "NoSchedule"]]),
            Fixtures.cluster("b", available: ["cpu": "4", "memory": "8Gi"]),
        ]
        let request = try Fixtures.request()
        #expect(Fixtures.select(request, clusters) == Fixtures.select(request, clusters.reversed()))
    }
}
