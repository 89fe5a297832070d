/// Phase 1 of both planners' preference plans, `getDesiredPlan` (kubeadmiral-planner.md §1.2 and §2
/// step 3): in order, each cluster gets its minimum, capped by the replicas left and by its hard cap; an
/// estimated capacity below that turns the difference into overflow.
enum PlanMinimums {
    /// Writes `plan` and, if given, `overflow` (0 where there is none) for the clusters `order[0..<count]`,
    /// and returns the replicas left. `minimum`, `limited` and `estimated` may be `nil` (all zero / all
    /// absent). Wraps like Go's `int64`.
    @inline(__always)
    static func place(
        order: UnsafePointer<Int64>, count: Int, minimum: UnsafePointer<Int64>?,
        limited: UnsafePointer<Int64>?, estimated: UnsafePointer<Int64>?, total: Int64,
        plan: UnsafeMutablePointer<Int64>, overflow: UnsafeMutablePointer<Int64>?
    ) -> Int64 {
        var remaining = total
        for k in 0..<count {
            let i = Int(truncatingIfNeeded: order[k])
            var m = min(minimum?[i] ?? 0, remaining)
            if let limited, limited[i] < m { m = limited[i] }
            overflow?[i] = 0
            if let estimated, estimated[i] < m {
                overflow?[i] = m &- estimated[i]
                m = estimated[i]
            }
            plan[i] = m
            remaining &-= m
        }
        return remaining
    }
}
