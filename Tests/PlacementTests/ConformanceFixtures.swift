#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import KubeObjects
import Placement

/// Loads the shared KubeAdmiral conformance files (kubeadmiral-planner.md §6).
///
/// They live in `shared/conformance/`, a sibling of the package root, which is three levels above this
/// file. A missing or unreadable file is reported as a failure by the tests that need it, never skipped.
enum ConformanceFixtures {
    static let plannerFile = "kubeadmiral-planner-cases.json"
    static let autoMigrationFile = "kubeadmiral-automigration-cases.json"

    /// `<package root>/../shared/conformance/<name>`.
    static func path(of name: String, relativeTo filePath: String = #filePath) -> String {
        var components = filePath.split(separator: "/", omittingEmptySubsequences: false)
        components.removeLast(3)  // PlacementTests/<file>, Tests, leaving the package root
        return components.joined(separator: "/") + "/../shared/conformance/" + name
    }

    /// The cases of `name` by id, in file order, or why they could not be loaded.
    static func load(_ name: String) -> Result<[(id: String, value: JSONValue)], FixtureError> {
        let path = path(of: name)
        guard let bytes = readFile(path) else { return .failure(.unreadable(path)) }
        let document: JSONValue
        do {
            document = try JSONValue(parsing: bytes, file: path)
        } catch {
            return .failure(.malformed(path, error.description))
        }
        guard let array = document.arrayValue else { return .failure(.malformed(path, "not an array of cases")) }
        var cases: [(id: String, value: JSONValue)] = []
        for value in array {
            guard let id = value["id"]?.stringValue else { return .failure(.malformed(path, "a case has no id")) }
            cases.append((id, value))
        }
        return .success(cases)
    }

    static let plannerCases = load(plannerFile)
    static let autoMigrationCases = load(autoMigrationFile)

    /// The ids of the loaded cases (empty when loading failed; the presence tests then fail).
    static func ids(_ cases: Result<[(id: String, value: JSONValue)], FixtureError>) -> [String] {
        (try? cases.get().map(\.id)) ?? []
    }

    static func lookup(_ id: String, in cases: Result<[(id: String, value: JSONValue)], FixtureError>) -> JSONValue? {
        (try? cases.get())?.first { $0.id == id }?.value
    }

    private static func readFile(_ path: String) -> [UInt8]? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let read = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if read <= 0 { break }
            bytes.append(contentsOf: chunk[0..<read])
        }
        return ferror(file) == 0 ? bytes : nil
    }
}

enum FixtureError: Error, CustomStringConvertible {
    case unreadable(String)
    case malformed(String, String)

    var description: String {
        switch self {
        case .unreadable(let path):
            "cannot read \(path): the shared conformance folder must sit next to the package root"
        case .malformed(let path, let why): "\(path) is malformed: \(why)"
        }
    }
}

/// Typed reading of case fields; `null` and absent read the same, as the schema says (§6).
extension JSONValue {
    /// An object of integers as a dictionary; `nil` for `null`/absent.
    func fixtureCounts(_ key: String) -> [String: Int64]? {
        guard let object = self[key]?.objectValue else { return nil }
        var counts: [String: Int64] = [:]
        for (name, value) in object { counts[name] = value.intValue }
        return counts
    }

    func fixtureInt(_ key: String) -> Int64? { self[key]?.intValue }

    func fixtureStrings(_ key: String) -> [String] { self[key]?.arrayValue?.compactMap(\.stringValue) ?? [] }

    /// A case's division terms; the flags come from `flags` when the case gives several combinations.
    func fixtureTerms(estimatedCapacity: [String: Int64]? = nil, flags: JSONValue? = nil) -> DivisionTerms {
        let flags = flags ?? self
        return DivisionTerms(
            totalReplicas: fixtureInt("totalReplicas") ?? 0,
            estimatedCapacity: estimatedCapacity ?? fixtureCounts("estimatedCapacity") ?? [:],
            limitedCapacity: fixtureCounts("limitedCapacity") ?? [:],
            scheduledReplicas: fixtureCounts("scheduledReplicas"), replicaSetKey: self["replicaSetKey"]?.stringValue ?? "",
            avoidDisruption: flags["avoidDisruption"]?.boolValue ?? false,
            keepUnschedulableReplicas: flags["keepUnschedulableReplicas"]?.boolValue ?? false)
    }

    /// The raw upstream `preferences` map, `"*"` and entries for unavailable clusters included.
    var preferenceTable: ReplicaPreferenceTable {
        var entries: [String: ReplicaPreferenceValues] = [:]
        for (name, value) in self["preferences"]?.objectValue ?? JSONObject() {
            entries[name] = ReplicaPreferenceValues(
                weight: value.fixtureInt("weight") ?? 0, minReplicas: value.fixtureInt("minReplicas") ?? 0,
                maxReplicas: value.fixtureInt("maxReplicas"))
        }
        return ReplicaPreferenceTable(entries)
    }
}
