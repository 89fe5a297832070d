/// The steps both planners take to avoid disruption (kubeadmiral-planner.md §1.3, §2 steps 4 and 8):
/// find what runs now within the caps, then move only the difference from the desired plan.
enum AvoidDisruption {
    /// Writes `currentPlan[i] = min(current, estimated, limited)` for every cluster and returns the totals
    /// of that layout and of the desired `plan`. When they are equal, the current layout is the answer.
    @inline(__always)
    static func currentLayout(
        count: Int, current: UnsafePointer<Int64>, estimated: UnsafePointer<Int64>, limited: UnsafePointer<Int64>,
        plan: UnsafePointer<Int64>, currentPlan: UnsafeMutablePointer<Int64>
    ) -> (current: Int64, desired: Int64) {
        var currentTotal: Int64 = 0
        var desiredTotal: Int64 = 0
        for i in 0..<count {
            let running = min(current[i], estimated[i], limited[i])
            currentPlan[i] = running
            currentTotal &+= running
            desiredTotal &+= plan[i]
        }
        return (currentTotal, desiredTotal)
    }

    /// The answer once the delta is planned: `plan = currentPlan ∓ deltaPlan` for every cluster.
    @inline(__always)
    static func apply(
        _ deltaPlan: UnsafePointer<Int64>, scalingDown: Bool, to currentPlan: UnsafePointer<Int64>, count: Int,
        plan: UnsafeMutablePointer<Int64>
    ) {
        for i in 0..<count {
            plan[i] = scalingDown ? currentPlan[i] &- deltaPlan[i] : currentPlan[i] &+ deltaPlan[i]
        }
    }
}
