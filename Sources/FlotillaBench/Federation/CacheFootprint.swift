import Federation
import KubeObjects

/// What one cached object costs the controller: its size on the wire and the memory its cached
/// form holds, for a host workload (a `CachedWorkload`: compact text and a few fields) and for one
/// member's copy of it (a `MemberCopy` record).
///
/// The controller caches every host Deployment and every member's copy of each, so these two
/// figures times the object counts explain most of its peak RSS. Measured in the table's own
/// process, whose heap is still small and unfragmented: there, caching `copies` copies grows
/// the resident set by what they hold, and the growth divided by `copies` is the cost of one.
/// The copies stay alive until both are measured, so the second does not reuse the first's pages.
struct CacheFootprint: Sendable {
    var hostWireBytes: Int
    var hostResidentBytes: Double
    var memberWireBytes: Int
    var memberResidentBytes: Double

    /// `nil` when the texts do not parse or `/proc` cannot be read.
    static func measure(hostJSON: String, memberJSON: String, copies: Int = 4000) -> CacheFootprint? {
        var hosts: [CachedWorkload] = []
        var members: [MemberCopy] = []
        hosts.reserveCapacity(copies)
        members.reserveCapacity(copies)
        func growth(caching text: String, _ keep: (JSONValue) -> Bool) -> Double? {
            guard let before = ProcessMetrics.residentBytes() else { return nil }
            for _ in 0..<copies {
                guard let parsed = try? JSONValue(parsing: text), keep(parsed) else { return nil }
            }
            guard let after = ProcessMetrics.residentBytes() else { return nil }
            return Double(after - before) / Double(copies)
        }
        let host = growth(caching: hostJSON) { json in
            guard let workload = CachedWorkload(cachedFrom: json) else { return false }
            hosts.append(workload)
            return true
        }
        let member = growth(caching: memberJSON) { json in
            guard let copy = MemberCopy(cachedFrom: json) else { return false }
            members.append(copy)
            return true
        }
        guard let host, let member else { return nil }
        return withExtendedLifetime((hosts, members)) {
            CacheFootprint(
                hostWireBytes: hostJSON.utf8.count, hostResidentBytes: host,
                memberWireBytes: memberJSON.utf8.count, memberResidentBytes: member)
        }
    }
}
