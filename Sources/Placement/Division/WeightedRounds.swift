/// Spread's preference plan, `getDesiredPlan` (kubeadmiral-planner.md §1.2), over columns.
///
/// The same routine also serves the scale-up and scale-down sub-plans of §1.3, which call it with derived
/// weights and maxima and without capacities. Arithmetic wraps like Go's `int64`.
enum WeightedRounds {
    /// Plans `total` replicas over the clusters `order[0..<count]` (already in Spread order) and returns the
    /// replicas left unplaced. Writes `plan` and, if given, `overflow` for every listed cluster.
    ///
    /// `rotation` is scratch of at least `count` entries. `minimum`, `limited` and `estimated` may be
    /// `nil` (all zero / all absent). When `keepUnschedulable` is false the overflow is trimmed to the
    /// replicas that fit nowhere (§1.2, last line).
    static func desiredPlan(
        order: UnsafePointer<Int64>, count: Int, rotation: UnsafeMutablePointer<Int64>,
        weight: UnsafePointer<Int64>, minimum: UnsafePointer<Int64>?, maximum: UnsafePointer<Int64>,
        limited: UnsafePointer<Int64>?, estimated: UnsafePointer<Int64>?,
        total: Int64, keepUnschedulable: Bool,
        plan: UnsafeMutablePointer<Int64>, overflow: UnsafeMutablePointer<Int64>?
    ) -> Int64 {
        // Phase 1: minimums, capped by what is left and by the capacities.
        var remaining = PlanMinimums.place(
            order: order, count: count, minimum: minimum, limited: limited, estimated: estimated, total: total,
            plan: plan, overflow: overflow)
        rotation.update(from: order, count: count)
        // Phase 2: weighted rounds; a cluster that hits a cap leaves the rotation.
        var inRotation = count
        var modified = true
        while modified && remaining > 0 {
            modified = false
            var weightSum: Int64 = 0
            for k in 0..<inRotation { weightSum &+= weight[Int(truncatingIfNeeded: rotation[k])] }
            if weightSum <= 0 { break }
            let distributed = remaining
            // The reciprocal pays for its setup only over enough clusters.
            let divisor = InvariantDivisor(weightSum, reciprocal: inRotation >= 16)
            var kept = 0
            for k in 0..<inRotation {
                let entry = rotation[k]
                let i = Int(truncatingIfNeeded: entry)
                let start = plan[i]
                // Every share is rounded up (§1.2): ceil(D·w / W), Go's truncating division of D·w + W − 1.
                var extra = divisor.quotient(of: distributed &* weight[i] &+ weightSum &- 1)
                if extra > remaining { extra = remaining }
                var target = start &+ extra
                var full = false
                if target > maximum[i] { target = maximum[i]; full = true }
                if let limited, target > limited[i] { target = limited[i]; full = true }
                if let estimated, target > estimated[i] {
                    overflow?[i] &+= target &- estimated[i]
                    target = estimated[i]
                    full = true
                }
                rotation[kept] = entry  // kept only if not full: a select, not a branch
                kept &+= full ? 0 : 1
                remaining &-= target &- start
                plan[i] = target
                if target > start { modified = true }
            }
            inRotation = kept
        }
        if !keepUnschedulable, let overflow {
            for k in 0..<count {
                let i = Int(truncatingIfNeeded: order[k])
                let trimmed = min(overflow[i], remaining)
                overflow[i] = trimmed > 0 ? trimmed : 0
            }
        }
        return remaining
    }
}

/// Division by a divisor fixed for a whole round of §1.2, without the slow hardware divide.
///
/// A floating-point reciprocal gives a quotient off by at most one while the numerator and divisor stay
/// below 2⁵²; one integer correction step makes it exact. Anything else (including the negative numerators
/// Go's wrapping arithmetic can produce) takes the ordinary truncating division, so results always equal
/// `numerator / divisor`.
struct InvariantDivisor {
    let divisor: Int64
    let reciprocal: Double
    let fast: Bool

    static let exactLimit: Int64 = 1 << 52

    @inline(__always)
    init(_ divisor: Int64, reciprocal useReciprocal: Bool = true) {
        self.divisor = divisor
        self.fast = useReciprocal && divisor > 0 && divisor < Self.exactLimit
        self.reciprocal = fast ? 1.0 / Double(divisor) : 0
    }

    @inline(__always)
    func quotient(of numerator: Int64) -> Int64 {
        guard fast && numerator >= 0 && numerator < Self.exactLimit else { return numerator / divisor }
        var quotient = Int64(Double(numerator) * reciprocal)
        let rest = numerator &- quotient &* divisor
        if rest < 0 { quotient &-= 1 } else if rest >= divisor { quotient &+= 1 }
        return quotient
    }
}
