import KubeObjects

/// What one cached object costs the controller: its size on the wire and the memory its parsed
/// `JSONValue` holds, for a host workload and for one member's copy of it.
///
/// The controller caches every host Deployment and every member's copy of each, so these two
/// figures times the object counts explain most of its peak RSS. Measured in the table's own
/// process, whose heap is still small and unfragmented: there, parsing `copies` copies grows
/// the resident set by what they hold, and the growth divided by `copies` is the cost of one.
/// The copies stay alive until both are measured, so the second does not reuse the first's pages.
struct CacheFootprint: Sendable {
    var hostWireBytes: Int
    var hostResidentBytes: Double
    var memberWireBytes: Int
    var memberResidentBytes: Double

    /// `nil` when the texts do not parse or `/proc` cannot be read.
    static func measure(hostJSON: String, memberJSON: String, copies: Int = 4000) -> CacheFootprint? {
        var kept: [JSONValue] = []
        kept.reserveCapacity(2 * copies)
        func growth(parsing text: String) -> Double? {
            guard let before = ProcessMetrics.residentBytes() else { return nil }
            for _ in 0..<copies {
                guard let copy = try? JSONValue(parsing: text) else { return nil }
                kept.append(copy)
            }
            guard let after = ProcessMetrics.residentBytes() else { return nil }
            return Double(after - before) / Double(copies)
        }
        guard let host = growth(parsing: hostJSON), let member = growth(parsing: memberJSON) else { return nil }
        return withExtendedLifetime(kept) {
            CacheFootprint(
                hostWireBytes: hostJSON.utf8.count, hostResidentBytes: host,
                memberWireBytes: memberJSON.utf8.count, memberResidentBytes: member)
        }
    }
}
