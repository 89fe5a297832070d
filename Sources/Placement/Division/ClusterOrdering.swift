/// Spread's cluster order (kubeadmiral-planner.md §1.1): weight descending, then FNV-1 hash ascending.
///
/// Sorting is a large share of a decision at hundreds of clusters, so it avoids comparator calls: when weights
/// are below 2¹⁵ (the usual case) weight, hash and position pack into one distinct non-negative `Int64`,
/// `(2¹⁵ − 1 − weight) << 48 | hash << 16 | position`, sorted as plain values with branch-free merges.
/// Otherwise a stable merge sort runs over positions. Nothing is allocated: scratch comes from the columns.
///
/// Position is the last tie-break: a 32-bit hash collision between equal weights keeps input order, which is
/// what Go's insertion sort does for up to 12 clusters. Beyond 12, Go's unstable sort may order such a
/// collision differently; that is the only place the orders can differ.
enum ClusterOrdering {
    /// Sorts `order[0..<count]`, cluster positions listed in ascending order. `keys` and `scratch` are
    /// columns of at least the cluster count.
    static func sortSpreadOrder(
        _ order: UnsafeMutablePointer<Int64>, count: Int, weight: UnsafePointer<Int64>, hash: UnsafePointer<Int64>,
        keys: UnsafeMutablePointer<Int64>, scratch: UnsafeMutablePointer<Int64>
    ) {
        if count < 2 { return }
        if count <= 0xFFFF && sortPacked(order, count: count, weight: weight, hash: hash, keys: keys, scratch: scratch) {
            return
        }
        var packable = true
        for k in 0..<count {
            let i = Int(truncatingIfNeeded: order[k])
            let w = weight[i]
            if w < 0 || w > 0xFFFF_FFFF { packable = false; break }
            keys[i] = Int64(bitPattern: (UInt64(0xFFFF_FFFF - w) << 32) | UInt64(truncatingIfNeeded: hash[i]))
        }
        if packable {
            stableSort(order, count: count, scratch: scratch) { a, b in
                UInt64(bitPattern: keys[Int(truncatingIfNeeded: a)]) < UInt64(bitPattern: keys[Int(truncatingIfNeeded: b)])
            }
        } else {
            stableSort(order, count: count, scratch: scratch) { a, b in
                let i = Int(truncatingIfNeeded: a)
                let j = Int(truncatingIfNeeded: b)
                return weight[i] != weight[j] ? weight[i] > weight[j] : hash[i] < hash[j]
            }
        }
    }

    /// The packed fast path; false (leaving `order` untouched) when some weight does not fit in 15 bits.
    @inline(__always)
    private static func sortPacked(
        _ order: UnsafeMutablePointer<Int64>, count: Int, weight: UnsafePointer<Int64>, hash: UnsafePointer<Int64>,
        keys: UnsafeMutablePointer<Int64>, scratch: UnsafeMutablePointer<Int64>
    ) -> Bool {
        for k in 0..<count {
            let i = order[k]
            let w = weight[Int(truncatingIfNeeded: i)]
            if w < 0 || w > 0x7FFF { return false }
            keys[k] = (0x7FFF &- w) << 48 | (hash[Int(truncatingIfNeeded: i)] & 0xFFFF_FFFF) << 16 | i
        }
        if count > radixThreshold {
            radixSort(keys, count: count, scratch: scratch)
        } else {
            sortDistinct(keys, count: count, scratch: scratch)
        }
        for k in 0..<count { order[k] = keys[k] & 0xFFFF }
        return true
    }

    /// Above this many clusters a radix sort beats comparison sorting on hashed keys.
    static let radixThreshold = 48

    /// Sorts distinct packed keys ascending. A least-significant-byte-first radix sort orders them by their
    /// top 32 bits (weight and the high half of the hash): each pass is a counting scatter with no
    /// data-dependent branches, and a byte position where every key agrees is skipped. Keys that agree on
    /// those bits are rare and end up adjacent, so a final insertion pass over the full keys finishes the
    /// job in near-linear time. The result is exact whatever the input order.
    static func radixSort(_ values: UnsafeMutablePointer<Int64>, count: Int, scratch: UnsafeMutablePointer<Int64>) {
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: 256) { buffer in
            let counts = buffer.baseAddress!
            var source = values
            var target = scratch
            var shift: Int64 = 32
            while shift < 64 {
                counts.initialize(repeating: 0, count: 256)
                for k in 0..<count { counts[Int(truncatingIfNeeded: (source[k] &>> shift) & 0xFF)] &+= 1 }
                if counts[Int(truncatingIfNeeded: (source[0] &>> shift) & 0xFF)] != Int32(truncatingIfNeeded: count) {
                    var start: Int32 = 0
                    for digit in 0..<256 {
                        let bucket = counts[digit]
                        counts[digit] = start
                        start &+= bucket
                    }
                    for k in 0..<count {
                        let value = source[k]
                        let digit = Int(truncatingIfNeeded: (value &>> shift) & 0xFF)
                        target[Int(truncatingIfNeeded: counts[digit])] = value
                        counts[digit] &+= 1
                    }
                    swap(&source, &target)
                }
                shift &+= 8
            }
            if source != values { values.update(from: source, count: count) }
        }
        var k = 1
        while k < count {
            let entry = values[k]
            if entry < values[k &- 1] {
                var j = k
                while j > 0 && entry < values[j &- 1] {
                    values[j] = values[j &- 1]
                    j &-= 1
                }
                values[j] = entry
            }
            k &+= 1
        }
    }

    /// Sorts distinct values ascending. Comparisons of hashed keys are unpredictable, hence short runs
    /// and `mergeSort`'s branch-free merges.
    private static func sortDistinct(_ values: UnsafeMutablePointer<Int64>, count: Int, scratch: UnsafeMutablePointer<Int64>) {
        mergeSort(values, count: count, scratch: scratch, run: 8) { $0 < $1 }
    }

    /// A stable sort, for keys that do not pack.
    @inline(__always)
    static func stableSort(
        _ values: UnsafeMutablePointer<Int64>, count: Int, scratch: UnsafeMutablePointer<Int64>,
        by less: (Int64, Int64) -> Bool
    ) {
        mergeSort(values, count: count, scratch: scratch, run: 16, by: less)
    }

    /// A stable merge sort: insertion-sorted runs of `run`, then bottom-up merges that alternate between
    /// `values` and `scratch` and pick with a select rather than a branch. Taking from the right only
    /// when strictly smaller keeps equal keys in order.
    @inline(__always)
    private static func mergeSort(
        _ values: UnsafeMutablePointer<Int64>, count: Int, scratch: UnsafeMutablePointer<Int64>, run: Int,
        by less: (Int64, Int64) -> Bool
    ) {
        var start = 0
        while start < count {
            let end = min(start + run, count)
            var k = start + 1
            while k < end {
                let entry = values[k]
                var j = k
                while j > start && less(entry, values[j - 1]) {
                    values[j] = values[j - 1]
                    j -= 1
                }
                values[j] = entry
                k += 1
            }
            start = end
        }
        var source = values
        var target = scratch
        var width = run
        while width < count {
            var low = 0
            while low < count {
                let mid = min(low + width, count)
                let high = min(low + 2 * width, count)
                var left = low
                var right = mid
                var out = low
                while left < mid && right < high {
                    let l = source[left]
                    let r = source[right]
                    let takeRight = less(r, l)
                    target[out] = takeRight ? r : l
                    right &+= takeRight ? 1 : 0
                    left &+= takeRight ? 0 : 1
                    out &+= 1
                }
                while left < mid { target[out] = source[left]; left += 1; out += 1 }
                while right < high { target[out] = source[right]; right += 1; out += 1 }
                low = high
            }
            swap(&source, &target)
            width *= 2
        }
        if source != values { values.update(from: source, count: count) }
    }
}
