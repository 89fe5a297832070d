/// FNV-1a, the small non-cryptographic hash behind Flotilla's stable digests and generated names
/// (the desired-state hash on member objects, Event names, simulated pod names).
///
/// Stable across processes and versions, unlike `Hasher`, which is seeded per process: use it
/// for anything stored or compared across runs. Not for security.
public enum FNV1a {
    /// 64 bits.
    public static func hash64(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return hash
    }

    /// 32 bits.
    public static func hash32(_ bytes: some Sequence<UInt8>) -> UInt32 {
        var hash: UInt32 = 2_166_136_261
        for byte in bytes { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        return hash
    }
}
