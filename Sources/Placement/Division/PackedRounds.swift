/// Binpack's preference plan, its `getDesiredPlan` (kubeadmiral-planner.md §2 step 3), over columns.
///
/// Spread's minimums phase (`PlanMinimums`), then one greedy pass in priority order: each cluster takes
/// all that is left, up to its caps. The estimated-capacity overflow is the *largest* excess a cluster was
/// offered, which counts the same replicas again at every capped cluster (caps 5, 3, 1 over 10 replicas
/// give `{A:5, B:2, C:1}`); that is upstream behaviour and is kept.
enum PackedRounds {
    /// Plans `total` over `order[0..<count]` (priority order). `minimum`, `limited` and `estimated` may be
    /// `nil` (all zero / all absent); `overflow` must be given when `estimated` is. Wraps like Go's `int64`.
    static func desiredPlan(
        order: UnsafePointer<Int64>, count: Int,
        minimum: UnsafePointer<Int64>?, maximum: UnsafePointer<Int64>,
        limited: UnsafePointer<Int64>?, estimated: UnsafePointer<Int64>?,
        total: Int64, plan: UnsafeMutablePointer<Int64>, overflow: UnsafeMutablePointer<Int64>?
    ) {
        var remaining = PlanMinimums.place(
            order: order, count: count, minimum: minimum, limited: limited, estimated: estimated, total: total,
            plan: plan, overflow: overflow)
        for k in 0..<count {
            let i = Int(truncatingIfNeeded: order[k])
            let start = plan[i]
            var target = start &+ remaining
            if target > maximum[i] { target = maximum[i] }
            if let limited, target > limited[i] { target = limited[i] }
            if let estimated, target > estimated[i] {
                let excess = target &- estimated[i]
                if let overflow, overflow[i] < excess { overflow[i] = excess }
                target = estimated[i]
            }
            plan[i] = target
            remaining &-= target &- start
        }
    }
}
