import KubeObjects

/// The result of planning every workload in a set of objects.
public struct PlanResult: Sendable, Equatable {
    public var workloads: [WorkloadPlan]
    /// Objects that could not be read and that no workload names (invalid Deployments or
    /// FederatedClusters), one line each.
    public var errors: [String]
    /// Objects that were read but not used (unsupported kinds, unbound workloads), one line each.
    public var warnings: [String]

    public init(workloads: [WorkloadPlan], errors: [String] = [], warnings: [String] = []) {
        self.workloads = workloads
        self.errors = errors
        self.warnings = warnings
    }

    public var hasErrors: Bool {
        !errors.isEmpty || workloads.contains { !$0.errors.isEmpty || $0.clusters.contains { $0.error != nil } }
    }

    /// The `-o json` document: `{"workloads":[…]}`, plus `"errors"` when inputs could not be read.
    public var json: JSONValue {
        var object = JSONObject()
        object["workloads"] = .array(workloads.map(\.json))
        if !errors.isEmpty { object["errors"] = .array(errors.map { .string($0) }) }
        return .object(object)
    }
}

/// Plans workloads: policy binding, cluster selection, replica division and overrides, for each
/// workload on its own (docs/architecture.md, "How a plan is made").
///
/// Pure: the same objects and `now` give the same plan. One workload's bad input never changes
/// another workload's plan, and a failing override affects only its own cluster.
public enum PlacementEngine {
    /// Plans every Deployment in `objects` that carries a propagation-policy label.
    public static func plan(objects: [JSONValue], now: Timestamp) -> PlanResult {
        let inventory = ObjectInventory(objects)
        var result = PlanResult(
            workloads: [], errors: inventory.errors.map(\.description), warnings: inventory.ignored)
        for workload in inventory.workloads {
            if let plan = plan(workload, in: inventory, now: now) {
                result.workloads.append(plan)
            } else {
                result.warnings.append(
                    "\(workload.reference) has no \(PolicyLabel.propagationPolicy) or "
                        + "\(PolicyLabel.clusterPropagationPolicy) label, so it is not placed")
            }
        }
        return result
    }

    /// The plan for one workload, or `nil` when it is bound to no propagation policy.
    public static func plan(_ workload: Workload, in inventory: ObjectInventory, now: Timestamp) -> WorkloadPlan? {
        plan(workload, in: inventory, now: now, keepCurrentPlacement: false)
    }

    /// `keepCurrentPlacement`: skip selection and division and keep the replicas of the current
    /// placement (a deferred or unneeded reschedule); overrides still apply.
    static func plan(
        _ workload: Workload, in inventory: ObjectInventory, now: Timestamp, keepCurrentPlacement: Bool
    ) -> WorkloadPlan? {
        var plan = WorkloadPlan(workload: workload.reference)
        let binding: PolicyBinding
        let request: PlacementRequest
        do throws(PolicyError) {
            binding = try PolicyBinding(of: workload)
            if let broken = brokenPolicy(in: binding, inventory: inventory) {
                plan.policy = binding.propagationPolicy
                plan.errors.append("\(broken.object) is invalid: \(broken.description)")
                return plan
            }
            guard let made = try PlacementRequest.make(for: workload, policies: inventory.policies) else { return nil }
            request = made
        } catch {
            plan.errors.append(error.description)
            return plan
        }
        plan.policy = request.policy
        plan.mode = request.schedulingMode.rawValue

        let shares: [ReplicaShare]
        if request.noScheduling || request.keepsCurrentPlacement || keepCurrentPlacement {
            shares = ReplicaShare.current(request)
        } else {
            let selection = ClusterSelectionPipeline.standard.select(for: request, from: inventory.clusters, now: now)
            plan.excluded = selection.excluded.map { ExcludedCluster(cluster: $0.cluster, reason: $0.description) }
            shares = ReplicaShare.divide(request, over: selection)
        }

        let overridePolicies: (clusterPolicy: ClusterOverridePolicy?, policy: OverridePolicy?)
        do throws(PolicyError) {
            overridePolicies = try inventory.policies.overridePolicies(for: binding, of: workload)
        } catch {
            // Without the overrides its owner asked for, no member object is built at all.
            plan.errors.append(error.description)
            plan.clusters = shares.map { MemberPlan(cluster: $0.cluster, replicas: $0.replicas, overflow: $0.overflow) }
            return plan
        }
        plan.clusters = shares.map { share in
            memberPlan(
                for: share, workload: workload, labels: inventory.clusterLabels[share.cluster] ?? [:],
                overrides: overridePolicies)
        }
        return plan
    }

    /// The first policy the workload is bound to that exists but could not be read.
    static func brokenPolicy(in binding: PolicyBinding, inventory: ObjectInventory) -> PolicyError? {
        let references = (binding.propagationPolicy.map { [$0] } ?? []) + binding.overridePolicies
        return references.lazy.compactMap { inventory.invalid[$0] }.first
    }

    static func memberPlan(
        for share: ReplicaShare, workload: Workload, labels: [String: String],
        overrides: (clusterPolicy: ClusterOverridePolicy?, policy: OverridePolicy?)
    ) -> MemberPlan {
        var member = MemberPlan(cluster: share.cluster, replicas: share.replicas, overflow: share.overflow)
        let cluster = ClusterIdentity(name: share.cluster, labels: labels)
        do throws(OverrideError) {
            member.object = try MemberObject.build(
                from: workload.raw, replicas: share.replicas, sourceReference: workload.reference
            ) { object throws(OverrideError) in
                try Overrides.apply(
                    clusterPolicy: overrides.clusterPolicy, policy: overrides.policy, to: object, cluster: cluster)
            }
        } catch {
            member.error = error.description
        }
        return member
    }
}
