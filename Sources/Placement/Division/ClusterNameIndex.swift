/// Finds listed clusters by name without Swift's `Dictionary`, so that the name-keyed maps of a division
/// (kubeadmiral-planner.md §0 inputs table) can be read into position-indexed columns by walking each map
/// once, instead of hashing every cluster's name into every map.
///
/// It is an open-addressing table of positions, built per decision in scratch memory, keyed by a cheap
/// word-at-a-time hash of the name's bytes. Names match exactly as `String`s (and so dictionary keys)
/// do, by canonical equivalence: for ASCII — all Kubernetes allows in a cluster name — that is byte
/// equality, so only ASCII names and keys use the hash; any other name or key is compared with `==`.
struct ClusterNameIndex<Cluster: NamedCluster> {
    private let clusters: [Cluster]
    /// 0 for an empty slot, else the hash's upper half with `position + 1` in the lower half.
    private let slots: UnsafeMutablePointer<UInt64>
    private let mask: Int
    /// Positions of names the table cannot hold (not ASCII): every lookup compares them with `==`.
    private let unhashed: [Int]

    /// Runs `body` with an index over the names of `clusters` (positions `0..<clusters.count`).
    @inline(__always)
    static func with<R>(_ clusters: [Cluster], _ body: (ClusterNameIndex) -> R) -> R {
        var size = 8
        while size < 2 * clusters.count { size *= 2 }
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: size) { buffer in
            let slots = buffer.baseAddress!
            slots.initialize(repeating: 0, count: size)
            var unhashed: [Int] = []
            for position in clusters.indices {
                guard let hash = asciiHash(clusters[position].name) else {
                    unhashed.append(position)
                    continue
                }
                var slot = Int(truncatingIfNeeded: hash) & (size - 1)
                while slots[slot] != 0 { slot = (slot + 1) & (size - 1) }
                slots[slot] = (hash & 0xFFFF_FFFF_0000_0000) | UInt64(position + 1)
            }
            return body(ClusterNameIndex(clusters: clusters, slots: slots, mask: size - 1, unhashed: unhashed))
        }
    }

    private init(clusters: [Cluster], slots: UnsafeMutablePointer<UInt64>, mask: Int, unhashed: [Int]) {
        self.clusters = clusters
        self.slots = slots
        self.mask = mask
        self.unhashed = unhashed
    }

    /// Calls `body` with the position of every cluster named `key` (one, as names are unique; all of them
    /// if not) and says whether there was any.
    @inline(__always)
    func forEachPosition(of key: String, _ body: (Int) -> Void) -> Bool {
        var found = false
        guard let hash = Self.asciiHash(key) else {
            for position in clusters.indices where clusters[position].name == key {
                body(position)
                found = true
            }
            return found
        }
        let tag = hash & 0xFFFF_FFFF_0000_0000
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { break }
            if entry & 0xFFFF_FFFF_0000_0000 == tag {
                let position = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) &- 1
                if clusters[position].name == key {
                    body(position)
                    found = true
                }
            }
            slot = (slot &+ 1) & mask
        }
        for position in unhashed where clusters[position].name == key {
            body(position)
            found = true
        }
        return found
    }

    /// Hands every entry of `map` to `write` at its cluster's position, or to `unlisted` when its key names
    /// no listed cluster.
    @inline(__always)
    func scatter<Value>(
        _ map: [String: Value], unlisted: (String, Value) -> Void = { _, _ in }, _ write: (Int, Value) -> Void
    ) {
        for (key, value) in map {
            let listed = forEachPosition(of: key) { write($0, value) }
            if !listed { unlisted(key, value) }
        }
    }

    /// A hash of `text`'s bytes, or `nil` when they are not all ASCII (or not contiguous).
    @inline(__always)
    static func asciiHash(_ text: String) -> UInt64? {
        let hash: UInt64?? = text.utf8.withContiguousStorageIfAvailable { bytes in
            let count = bytes.count
            guard count > 0, let base = bytes.baseAddress else { return 0x243F_6A88_85A3_08D3 }
            let raw = UnsafeRawPointer(base)
            var h = 0x243F_6A88_85A3_08D3 ^ UInt64(count)
            var high: UInt64 = 0
            var k = 0
            while k &+ 8 <= count {
                let word = raw.loadUnaligned(fromByteOffset: k, as: UInt64.self)
                high |= word
                h = (h ^ word) &* 0x9E37_79B9_7F4A_7C15
                h ^= h >> 29
                k &+= 8
            }
            if k < count {
                var word: UInt64 = 0
                var shift: UInt64 = 0
                while k < count {
                    word |= UInt64(base[k]) << shift
                    shift &+= 8
                    k &+= 1
                }
                high |= word
                h = (h ^ word) &* 0x9E37_79B9_7F4A_7C15
                h ^= h >> 29
            }
            if high & 0x8080_8080_8080_8080 != 0 { return nil }
            h = (h ^ (h >> 32)) &* 0xD6E8_FEB8_6659_FD93
            return h ^ (h >> 32)
        }
        return hash ?? nil
    }
}

/// Something listed by cluster name in a division.
protocol NamedCluster {
    var name: String { get }
}

extension ClusterPreference: NamedCluster {}
extension ReplicasPluginCluster: NamedCluster {}
