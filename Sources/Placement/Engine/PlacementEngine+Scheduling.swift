/// What the controller decides for one workload in one reconcile: whether it is placed again,
/// the plan to carry out, and the triggers to store.
public struct SchedulingOutcome: Sendable, Equatable {
    public var plan: WorkloadPlan
    public var decision: ReschedulingDecision
    /// The current triggers; the controller stores them only when `decision` reschedules.
    public var triggers: SchedulingTriggers?
}

extension PlacementEngine {
    /// Plans `workload` as the controller does: the stored `previous` triggers decide whether
    /// selection and division run again, or the current placement is kept (kubeadmiral-planner.md §5).
    /// `nil` when the workload is bound to no propagation policy.
    ///
    /// Pure: the same inputs give the same outcome.
    public static func schedule(
        _ workload: Workload, in inventory: ObjectInventory, now: Timestamp, previous: SchedulingTriggers?
    ) -> SchedulingOutcome? {
        let request: PlacementRequest
        let policy: any PropagationPolicyObject
        do throws(PolicyError) {
            let binding = try PolicyBinding(of: workload)
            guard let bound = try inventory.policies.propagationPolicy(for: binding, of: workload) else { return nil }
            policy = bound
            request = try PlacementRequest(workload: workload, policy: bound)
        } catch {
            // The plan reports the error; nothing is rescheduled.
            return plan(workload, in: inventory, now: now).map {
                SchedulingOutcome(plan: $0, decision: .unchanged, triggers: nil)
            }
        }
        let triggers = SchedulingTriggers(request: request, policy: policy, clusters: inventory.clusters)
        var decision = ReschedulingDecision.decide(
            previous: previous, current: triggers, policy: request.policySpec.reschedulePolicy)
        // Nothing is placed yet: the last scheduling found no cluster (typically it ran before any
        // member had joined). There is no placement to keep, so this is a scheduling, and its
        // triggers are stored: later changes are then weighed against the clusters the workload
        // was placed over. (KubeAdmiral would defer, e.g. `clusterJoined:false`, and leave the
        // workload unplaced until its replicas or its policy change.)
        if !decision.reschedules, request.currentPlacement.isEmpty, !request.noScheduling {
            decision = .reschedule(reason: "nothing was placed yet")
        }
        guard let plan = plan(workload, in: inventory, now: now, keepCurrentPlacement: !decision.reschedules) else {
            return nil
        }
        return SchedulingOutcome(plan: plan, decision: decision, triggers: triggers)
    }
}
