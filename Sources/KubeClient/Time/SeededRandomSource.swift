import SeededRandom

/// The seedable generator behind reconnect jitter: seeded in tests, `randomlySeeded()` in production.
public typealias SeededRandomSource = SplitMix64
