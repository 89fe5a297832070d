/// A small, seedable random number generator (SplitMix64) for jitter.
///
/// Jitter only has to spread reconnects apart, so a fast generator with 64 bits of state is
/// enough; being a value that can be seeded is what matters, because it lets tests replay exactly
/// the delays a watch chose. It is not suitable for anything secret.
public struct SeededRandomSource: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// A generator seeded from the system's generator, for production use.
    public static func randomlySeeded() -> SeededRandomSource {
        var system = SystemRandomNumberGenerator()
        return SeededRandomSource(seed: system.next())
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
