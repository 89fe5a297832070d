/// Scratch columns for one division: `count` `Int64` values per column, contiguous, indexed by cluster
/// position.
///
/// The planners' inner loops (§1.2 rounds, §2 greedy pass) run over these instead of name-keyed maps, so a
/// decision hashes each cluster name once and touches no dictionary. All columns live in one temporary
/// allocation, which the standard library places on the stack when it is small enough.
struct DivisionColumns {
    let count: Int
    private let base: UnsafeMutablePointer<Int64>

    /// "No cap": comparisons against `Int64.max` never trigger, exactly like an absent map key (§1.2).
    static let absent = Int64.max

    /// Runs `body` with `columnCount` zeroed columns of `count` values each.
    @inline(__always)
    static func with<R>(count: Int, columnCount: Int, _ body: (DivisionColumns) -> R) -> R {
        let total = max(count * columnCount, 1)
        return withUnsafeTemporaryAllocation(of: Int64.self, capacity: total) { buffer in
            let start = buffer.baseAddress!
            start.initialize(repeating: 0, count: total)
            return body(DivisionColumns(count: count, base: start))
        }
    }

    private init(count: Int, base: UnsafeMutablePointer<Int64>) {
        self.count = count
        self.base = base
    }

    /// The `index`-th column.
    @inline(__always)
    subscript(index: Int) -> UnsafeMutablePointer<Int64> { base + index * count }
}
