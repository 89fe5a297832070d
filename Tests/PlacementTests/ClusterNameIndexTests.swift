@testable import Placement
import Testing

/// The name index the keyed planners read their maps through (kubeadmiral-planner.md §0 inputs table).
@Suite("Cluster name index")
struct ClusterNameIndexTests {
    /// Every position whose name equals `key` as a `String`, found through the index.
    static func positions(of key: String, in names: [String]) -> [Int] {
        ClusterNameIndex.with(names.map { ClusterPreference(name: $0) }) { index in
            var found: [Int] = []
            _ = index.forEachPosition(of: key) { found.append($0) }
            return found.sorted()
        }
    }

    @Test("Every listed name is found at its position, whatever its length")
    func findsEveryName() {
        let names = (0..<300).map { i in String(repeating: "c", count: i % 40) + "-\(i)" } + [""]
        for (position, name) in names.enumerated() {
            #expect(Self.positions(of: name, in: names) == [position])
        }
        #expect(Self.positions(of: "absent", in: names).isEmpty)
    }

    @Test("Names match as strings do: canonically equivalent spellings are the same key")
    func matchesByCanonicalEquivalence() {
        // U+212A KELVIN SIGN is canonically equivalent to "K"; "é" precomposed to "e" + U+0301.
        let names = ["K-cluster", "caf\u{E9}", "plain"]
        #expect(Self.positions(of: "\u{212A}-cluster", in: names) == [0])
        #expect(Self.positions(of: "cafe\u{301}", in: names) == [1])
        #expect(Self.positions(of: "K-cluster", in: ["\u{212A}-cluster", "x"]) == [0])
        #expect(Self.positions(of: "cafe", in: names).isEmpty)
    }

    @Test("A name listed twice is found at both positions, as per-cluster lookups would")
    func findsDuplicates() {
        #expect(Self.positions(of: "a", in: ["a", "b", "a"]) == [0, 2])
    }

    @Test("Scattering a map writes listed keys by position and reports the others")
    func scatterSplitsListedAndUnlisted() {
        let names = ["a", "b", "c"]
        var written: [Int: Int64] = [:]
        var unlisted: [String] = []
        ClusterNameIndex.with(names.map { ClusterPreference(name: $0) }) { index in
            index.scatter(["c": 3, "x": 9, "a": 1], unlisted: { key, _ in unlisted.append(key) }) { written[$0] = $1 }
        }
        #expect(written == [0: 1, 2: 3])
        #expect(unlisted == ["x"])
    }
}
