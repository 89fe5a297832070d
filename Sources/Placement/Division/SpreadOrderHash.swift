/// The tie-break hash of Spread's cluster order (§1.1, §7.1).
///
/// Upstream sorts clusters by weight descending, then by Go's `hash/fnv.New32` — FNV-1, *not* FNV-1a —
/// over the bytes of the cluster name followed by the replica-set key, so that single-replica workloads
/// do not all land on the alphabetically first cluster. FNV-1 multiplies, then XORs the byte.
enum SpreadOrderHash {
    static let offsetBasis: UInt32 = 2_166_136_261
    static let prime: UInt32 = 16_777_619

    /// FNV-1 over `clusterName ++ replicaSetKey` (e.g. keys A, B, C with key "" → 84696414, 84696413, 84696412).
    static func hash(clusterName: String, replicaSetKey: String) -> UInt32 {
        continued(prefixState(of: clusterName), with: replicaSetKey)
    }

    /// The FNV-1 state after the bytes of `text`, from the offset basis.
    @inline(__always)
    static func prefixState(of text: String) -> UInt32 {
        continued(offsetBasis, with: text)
    }

    /// Continues an FNV-1 state with the UTF-8 bytes of `text`.
    @inline(__always)
    static func continued(_ state: UInt32, with text: String) -> UInt32 {
        if let folded = text.utf8.withContiguousStorageIfAvailable({ fold(state, $0) }) { return folded }
        var h = state
        for byte in text.utf8 { h = (h &* prime) ^ UInt32(byte) }
        return h
    }

    @inline(__always)
    static func fold(_ state: UInt32, _ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var h = state
        for byte in bytes { h = (h &* prime) ^ UInt32(byte) }
        return h
    }

    /// Continues `count` states (stored as `Int64`) with the same key, four clusters at a time.
    ///
    /// Every cluster's hash ends with the same key bytes, so four chains advance side by side in registers
    /// instead of one long dependent chain of multiplies per cluster.
    static func appendKey(_ key: String, toStates states: UnsafeMutablePointer<Int64>, count: Int) {
        if count == 0 { return }
        let done: Bool? = key.utf8.withContiguousStorageIfAvailable { bytes in
            if bytes.isEmpty { return true }
            var i = 0
            while i + 4 <= count {
                var h0 = UInt32(truncatingIfNeeded: states[i]), h1 = UInt32(truncatingIfNeeded: states[i + 1])
                var h2 = UInt32(truncatingIfNeeded: states[i + 2]), h3 = UInt32(truncatingIfNeeded: states[i + 3])
                for byte in bytes {
                    let b = UInt32(byte)
                    h0 = (h0 &* prime) ^ b
                    h1 = (h1 &* prime) ^ b
                    h2 = (h2 &* prime) ^ b
                    h3 = (h3 &* prime) ^ b
                }
                states[i] = Int64(h0)
                states[i + 1] = Int64(h1)
                states[i + 2] = Int64(h2)
                states[i + 3] = Int64(h3)
                i += 4
            }
            while i < count {
                states[i] = Int64(fold(UInt32(truncatingIfNeeded: states[i]), bytes))
                i += 1
            }
            return true
        }
        if done == nil {
            for i in 0..<count {
                states[i] = Int64(continued(UInt32(truncatingIfNeeded: states[i]), with: key))
            }
        }
    }
}
