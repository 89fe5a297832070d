/// SplitMix64: a tiny, well-mixed, seedable generator that gives the same sequence on every machine.
///
/// For reproducible test inputs and benchmark workloads, and for retry jitter (where a seed makes
/// tests deterministic); never for anything that must be unpredictable, such as tokens.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// A generator seeded from the system's generator, for production jitter.
    public static func randomlySeeded() -> SplitMix64 {
        var system = SystemRandomNumberGenerator()
        return SplitMix64(seed: system.next())
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value in `0..<bound`, taken as the remainder (slightly biased; fine for test inputs, and stable).
    public mutating func below<Value: BinaryInteger>(_ bound: Value) -> Value {
        Value(next() % UInt64(bound))
    }

    /// True `percent` times in a hundred.
    public mutating func chance<Value: BinaryInteger>(_ percent: Value) -> Bool { below(Value(100)) < percent }
}
