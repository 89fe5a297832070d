import Placement

/// Binpack written straight from kubeadmiral-planner.md §2 over name-keyed maps, for clarity rather than
/// speed: the oracle the column-based planner is checked against on generated inputs. Cluster names are
/// assumed unique, as they are upstream map keys.
enum BinpackReferenceModel {
    struct Preference {
        var name: String
        var minReplicas: Int64
        var maxReplicas: Int64?
    }

    static func plan(_ input: ReplicaDivisionInput) -> (plan: [String: Int64], overflow: [String: Int64]) {
        let names = input.clusters.map(\.name)
        let current = input.currentReplicas ?? [:]
        let terms = input.terms
        let scheduled = terms.scheduledReplicas ?? [:]
        let estimated = terms.estimatedCapacity
        let limited = terms.limitedCapacity
        let total = terms.totalReplicas

        // Step 1, `shouldPlan`.
        let listed = Set(names)
        let replan = current.keys.contains { !listed.contains($0) }
            || current.contains { name, replicas in limited[name].map { replicas > $0 } ?? false }
            || scheduled.allSatisfy { name, replicas in replicas == (estimated[name] ?? current[name] ?? 0) }
        if !replan { return (current, [:]) }

        // Steps 2–4.
        let keep = terms.keepUnschedulableReplicas || !terms.avoidDisruption
        let preferences = input.clusters.map { Preference(name: $0.name, minReplicas: $0.minReplicas, maxReplicas: $0.maxReplicas) }
        var (desired, overflow) = desiredPlan(preferences, estimated: estimated, limited: limited, total: total)
        var currentPlan: [String: Int64] = [:]
        var currentTotal: Int64 = 0
        var scheduledTotal: Int64 = 0
        for name in names {
            var replicas = current[name] ?? 0
            if let capacity = estimated[name], capacity < replicas { replicas = capacity }
            if let capacity = limited[name], capacity < replicas { replicas = capacity }
            currentPlan[name] = replicas
            currentTotal &+= replicas
            if var count = scheduled[name] {
                if let capacity = limited[name], capacity < count { count = capacity }
                scheduledTotal &+= count
            }
        }
        // Steps 5–7.
        if !keep && scheduledTotal == total { return (scheduled, [:]) }
        if !terms.avoidDisruption { return (desired, overflow) }
        if !keep {
            overflow = overflow.compactMapValues { value in
                let trimmed = min(value, total &- scheduledTotal)
                return trimmed > 0 ? trimmed : nil
            }
        }
        // Step 8.
        let desiredTotal = desired.values.reduce(0, &+)
        if currentTotal == desiredTotal { return (currentPlan, overflow) }
        if currentTotal > desiredTotal {
            var candidates: [Preference] = []
            for name in names where desired[name, default: 0] < currentPlan[name, default: 0] {
                candidates.insert(Preference(name: name, minReplicas: 0, maxReplicas: currentPlan[name]), at: 0)
            }
            let removed = desiredPlan(candidates, estimated: [:], limited: [:], total: currentTotal &- total).plan
            for (name, count) in removed { currentPlan[name, default: 0] &-= count }
        } else {
            var candidates: [Preference] = []
            for preference in preferences where desired[preference.name, default: 0] > currentPlan[preference.name, default: 0] {
                let running = currentPlan[preference.name, default: 0]
                candidates.append(Preference(
                    name: preference.name, minReplicas: preference.minReplicas,
                    maxReplicas: preference.maxReplicas.map { $0 &- running }))
            }
            let added = desiredPlan(candidates, estimated: [:], limited: limited, total: total &- currentTotal).plan
            for (name, count) in added { currentPlan[name, default: 0] &+= count }
        }
        return (currentPlan, overflow)
    }

    /// Step 3, `getDesiredPlan`: minimums, then one greedy pass in priority order.
    static func desiredPlan(
        _ preferences: [Preference], estimated: [String: Int64], limited: [String: Int64], total: Int64
    ) -> (plan: [String: Int64], overflow: [String: Int64]) {
        var remaining = total
        var plan: [String: Int64] = [:]
        var overflow: [String: Int64] = [:]
        for preference in preferences {
            var minimum = min(preference.minReplicas, remaining)
            if let capacity = limited[preference.name], capacity < minimum { minimum = capacity }
            if let capacity = estimated[preference.name], capacity < minimum {
                overflow[preference.name] = minimum &- capacity
                minimum = capacity
            }
            remaining &-= minimum
            plan[preference.name] = minimum
        }
        for preference in preferences {
            let start = plan[preference.name, default: 0]
            var target = start &+ remaining
            if let maximum = preference.maxReplicas, target > maximum { target = maximum }
            if let capacity = limited[preference.name], target > capacity { target = capacity }
            if let capacity = estimated[preference.name], target > capacity {
                overflow[preference.name] = max(target &- capacity, overflow[preference.name, default: 0])
                target = capacity
            }
            remaining &-= target &- start
            plan[preference.name] = target
        }
        return (plan, overflow)
    }
}
