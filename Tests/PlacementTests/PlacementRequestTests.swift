import KubeObjects
import Testing

@testable import Placement

@Suite("Placement requests: policy, annotations and workload merged")
struct PlacementRequestTests {
    @Test func theScenarioWeightPolicyGivesThePlannerInputsItNeeds() throws {
        let policy = try PropagationPolicy.decode(ScenarioPolicies.document("fed-pp-weight"))
        let workload = try Workload.decode(Fixtures.parse(WorkloadTests.scenarioDeployment))
        let request = try PlacementRequest(workload: workload, policy: policy)
        #expect(request.policy.description == "PropagationPolicy default/fed-pp-weight")
        #expect(request.schedulingMode == .divide && request.replicasStrategy == .spread)
        #expect(request.desiredReplicas == 10)
        #expect(request.replicaSetKey == "default/fed-dp-gpu")
        #expect(request.weights == ["cclt81kqnjbeqedvbbt0g": 40, "ccltbv1p1h4ho7pq6sugg": 40, "cclt75bp1h4ho7pq6su9g": 20])
        #expect(request.minReplicas == ["cclt81kqnjbeqedvbbt0g": 2, "ccltbv1p1h4ho7pq6sugg": 2, "cclt75bp1h4ho7pq6su9g": 2])
        #expect(request.maxReplicas.isEmpty && request.priorities.isEmpty)
        #expect(request.avoidDisruption == false)
        #expect(request.keepUnschedulableReplicas == true)
        #expect(request.autoMigration?.podUnschedulableFor == .seconds(120))
        #expect(request.requestsGPU)
        #expect(request.currentPlacement.isEmpty && !request.keepsCurrentPlacement)
        #expect(request.estimatedCapacity.isEmpty && request.limitedCapacity.isEmpty)
        #expect(!request.noScheduling)
    }

    @Test func currentPlacementAndAutoMigrationInfoComeFromTheAnnotations() throws {
        let request = try Fixtures.request(
            #"{"schedulingMode": "Divide", "autoMigration": {}}"#,
            annotations: [
                "flotilla.io/placement": #"{"a": 8, "b": 8, "c": null}"#,
                "kubeadmiral.io/auto-migration-info": #"{"estimatedCapacity": {"a": 6}, "scheduledReplicas": {"a": 6, "b": 8}}"#,
            ])
        #expect(request.currentPlacement == CurrentPlacement(["a": 8, "b": 8, "c": nil]))
        #expect(request.currentPlacement.holds("c") && !request.currentPlacement.holds("d"))
        #expect(request.currentPlacement.replicaCounts(totalReplicas: 10) == ["a": 8, "b": 8, "c": 10])
        #expect(request.estimatedCapacity == ["a": 6])
        #expect(request.scheduledReplicas == ["a": 6, "b": 8])
    }

    @Test func autoMigrationInfoIsIgnoredWhenThePolicyHasNoAutoMigration() throws {
        let request = try Fixtures.request(
            annotations: ["kubeadmiral.io/auto-migration-info": #"{"estimatedCapacity": {"a": 6}}"#])
        #expect(request.autoMigrationInfo == nil && request.estimatedCapacity.isEmpty)
    }

    @Test func annotationsReplaceTheMatchingPolicyFields() throws {
        let request = try Fixtures.request(
            #"{"schedulingMode": "Divide", "clusterSelector": {"region": "us"}, "maxClusters": 5, "tolerations": [{"operator": "Exists"}], "placement": [{"cluster": "a", "preferences": {"weight": 1}}]}"#,
            annotations: [
                "kubeadmiral.io/scheduling-mode": "Duplicate",
                "kubeadmiral.io/sticky-cluster": "true",
                "kubeadmiral.io/clusterSelector": #"{"gpu": "h100"}"#,
                "kubeadmiral.io/tolerations": #"[{"key": "gpu", "operator": "Equal", "value": "busy", "effect": "NoSchedule"}]"#,
                "kubeadmiral.io/placements": #"[{"cluster": "b", "preferences": {"priority": 7, "maxReplicas": 3}}]"#,
                "kubeadmiral.io/maxClusters": "2",
                "kubeadmiral.io/no-scheduling": "yes",
            ])
        #expect(request.schedulingMode == .duplicate)
        #expect(request.stickyCluster)
        #expect(request.clusterSelector == ["gpu": "h100"])
        #expect(request.tolerations == [Toleration(key: "gpu", value: "busy", effect: .noSchedule)])
        #expect(request.placements == [DesiredPlacement(cluster: "b", preferences: .init(maxReplicas: 3, priority: 7))])
        #expect(request.placementsSource == "the kubeadmiral.io/placements annotation")
        #expect(request.weights.isEmpty && request.priorities == ["b": 7] && request.maxReplicas == ["b": 3])
        #expect(request.maxClusters == 2)
        #expect(request.noScheduling)
        #expect(request.policySpec.schedulingMode == .divide)
    }

    @Test func stickyClusterFalseOverridesDisableRescheduling() throws {
        let request = try Fixtures.request(
            #"{"schedulingMode": "Divide", "reschedulePolicy": {"disableRescheduling": true}}"#,
            annotations: ["kubeadmiral.io/sticky-cluster": "false", "flotilla.io/placement": #"{"a": 1}"#])
        #expect(!request.stickyCluster && !request.keepsCurrentPlacement)
    }

    @Test func disableReschedulingWithACurrentPlacementKeepsIt() throws {
        let request = try Fixtures.request(
            #"{"schedulingMode": "Divide", "reschedulePolicy": {"disableRescheduling": true}}"#,
            annotations: ["flotilla.io/placement": #"{"a": 60}"#])
        #expect(request.keepsCurrentPlacement)
    }

    @Test func theAffinityAnnotationReplacesThePolicyAffinityWithRequiredAndPreferredTerms() throws {
        let request = try Fixtures.request(
            #"{"schedulingMode": "Divide", "clusterAffinity": [{"matchExpressions": [{"key": "region", "operator": "Exists", "values": []}]}]}"#,
            annotations: [
                "kubeadmiral.io/affinity": """
                {"clusterAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {"clusterSelectorTerms": [{"matchExpressions": [{"key": "gpu", "operator": "In", "values": ["h100"]}]}]},
                 "preferredDuringSchedulingIgnoredDuringExecution": [{"weight": 30, "preference": {"matchExpressions": [{"key": "cloud", "operator": "In", "values": ["aws"]}]}}]}}
                """
            ])
        #expect(request.affinity.required == [ClusterSelectorTerm(matchExpressions: [.init(key: "gpu", operator: .in, values: ["h100"])])])
        #expect(request.affinity.preferred.map(\.weight) == [30])
    }

    @Test func thePolicyAffinityIsRequiredOnlyAndAnEmptyListFiltersNothing() throws {
        #expect(try Fixtures.request().affinity == ClusterAffinity(required: nil, preferred: []))
    }

    @Test func migrationConfigurationGivesCapsAndTimedEvictions() throws {
        let request = try Fixtures.request(
            annotations: [
                "kubeadmiral.io/migration-configuration": """
                {"replicasMigrations": [{"cluster": "a", "limitedCapacity": 4}, {"cluster": "b"}],
                 "workloadMigrations": [{"cluster": "c", "validUntil": "2026-11-23T12:00:00Z"}]}
                """
            ])
        #expect(request.limitedCapacity == ["a": 4])
        let until = Timestamp(rfc3339: "2026-11-23T12:00:00Z")
        #expect(request.migrationConfiguration.evictedUntil("c", now: Fixtures.now) == until)
        #expect(request.migrationConfiguration.evictedUntil("c", now: until!) == nil)
        #expect(request.migrationConfiguration.evictedUntil("a", now: Fixtures.now) == nil)
    }

    static let badAnnotations: [(key: String, value: String, message: String)] = [
        (
            "kubeadmiral.io/placements", #"[{"cluster": "a", "preferences": {"weight": "2"}}]"#,
            "Deployment default/web: metadata.annotations[kubeadmiral.io/placements][0].preferences.weight: expected an integer, got a string"
        ),
        (
            "kubeadmiral.io/placements", #"[{"cluster": "a""#,
            "Deployment default/web: metadata.annotations[kubeadmiral.io/placements]: invalid JSON at column 17: unterminated object"
        ),
        (
            "kubeadmiral.io/clusterSelector", #"["gpu"]"#,
            "Deployment default/web: metadata.annotations[kubeadmiral.io/clusterSelector]: expected an object, got an array"
        ),
        (
            "kubeadmiral.io/scheduling-mode", "Spread",
            #"Deployment default/web: metadata.annotations[kubeadmiral.io/scheduling-mode]: unsupported value "Spread": must be one of Duplicate, Divide"#
        ),
        (
            "kubeadmiral.io/sticky-cluster", "yes",
            #"Deployment default/web: metadata.annotations[kubeadmiral.io/sticky-cluster]: unsupported value "yes": must be one of true, false"#
        ),
        (
            "kubeadmiral.io/maxClusters", "-1",
            #"Deployment default/web: metadata.annotations[kubeadmiral.io/maxClusters]: expected an integer of 0 or more, got "-1""#
        ),
        (
            "kubeadmiral.io/tolerations", #"[{"operator": "Equal", "value": "x"}]"#,
            "Deployment default/web: metadata.annotations[kubeadmiral.io/tolerations][0].operator: must be Exists when key is empty"
        ),
        (
            "kubeadmiral.io/affinity", #"{"clusterAffinity": {"preferredDuringSchedulingIgnoredDuringExecution": [{"preference": {}}]}}"#,
            "Deployment default/web: metadata.annotations[kubeadmiral.io/affinity].clusterAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: required field is missing"
        ),
        (
            "kubeadmiral.io/migration-configuration", #"{"workloadMigrations": [{"cluster": "a", "validUntil": "soon"}]}"#,
            #"Deployment default/web: metadata.annotations[kubeadmiral.io/migration-configuration].workloadMigrations[0].validUntil: invalid time "soon": use RFC 3339, such as 2026-11-23T10:00:00Z"#
        ),
        (
            "flotilla.io/placement", #"{"a": "3"}"#,
            "Deployment default/web: metadata.annotations[flotilla.io/placement][a]: expected an integer, got a string"
        ),
        (
            "kubeadmiral.io/auto-migration-info", #"{"estimatedCapacity": {"a": null}}"#,
            "Deployment default/web: metadata.annotations[kubeadmiral.io/auto-migration-info].estimatedCapacity[a]: expected an integer, got null"
        ),
    ]

    @Test(arguments: badAnnotations)
    func aBadSchedulingAnnotationIsAnErrorNamingTheWorkloadAndAnnotation(
        _ example: (key: String, value: String, message: String)
    ) throws {
        let message = Fixtures.message {
            _ = try Fixtures.request(#"{"schedulingMode": "Divide", "autoMigration": {}}"#, annotations: [example.key: example.value])
        }
        #expect(message == example.message)
    }
}
