/// Scratch columns for one division: `count` `Int64` values per column, contiguous, indexed by cluster
/// position.
///
/// The planners' inner loops (§1.2 rounds, §2 greedy pass) run over these instead of name-keyed maps, so a
/// decision touches no dictionary. The columns live in temporary allocations, which the standard library
/// places on the stack up to 1 KiB each: one block when everything fits, else two halves when each fits
/// (up to a dozen clusters, the common case), else one heap block.
struct DivisionColumns {
    let count: Int
    private let base: UnsafeMutablePointer<Int64>
    /// Columns from `split` on live in a second block at `upper`.
    private let split: Int
    private let upper: UnsafeMutablePointer<Int64>

    /// The size the standard library always allocates on the stack.
    private static let stackBytes = 1024

    /// "No cap": comparisons against `Int64.max` never trigger, exactly like an absent map key (§1.2).
    static let absent = Int64.max

    /// Runs `body` with `columnCount` columns of `count` values each, zeroed unless the caller writes every
    /// value before reading it (`zeroed: false`, which then leaves them as undefined bit patterns).
    @inline(__always)
    static func with<R>(count: Int, columnCount: Int, zeroed: Bool = true, _ body: (DivisionColumns) -> R) -> R {
        let total = max(count * columnCount, 1)
        let lowerColumns = (columnCount + 1) / 2
        if total * 8 > stackBytes && lowerColumns * count * 8 <= stackBytes {
            return withUnsafeTemporaryAllocation(of: Int64.self, capacity: lowerColumns * count) { lower in
                withUnsafeTemporaryAllocation(of: Int64.self, capacity: (columnCount - lowerColumns) * count) { upper in
                    if zeroed {
                        lower.initialize(repeating: 0)
                        upper.initialize(repeating: 0)
                    }
                    return body(DivisionColumns(
                        count: count, base: lower.baseAddress!, split: lowerColumns, upper: upper.baseAddress!))
                }
            }
        }
        return withUnsafeTemporaryAllocation(of: Int64.self, capacity: total) { buffer in
            let start = buffer.baseAddress!
            if zeroed { start.initialize(repeating: 0, count: total) }
            return body(DivisionColumns(count: count, base: start, split: columnCount, upper: start))
        }
    }

    private init(count: Int, base: UnsafeMutablePointer<Int64>, split: Int, upper: UnsafeMutablePointer<Int64>) {
        self.count = count
        self.base = base
        self.split = split
        self.upper = upper
    }

    /// The `index`-th column.
    @inline(__always)
    subscript(index: Int) -> UnsafeMutablePointer<Int64> {
        index < split ? base + index * count : upper + (index - split) * count
    }
}
