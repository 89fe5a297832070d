import KubeClient
import KubeObjects
import Placement

/// A host Deployment as the workload cache keeps it: the object as compressed JSON text
/// (`CompressedJSON`), plus the few facts the cache is looked up and filtered by.
///
/// Why not the parsed tree: the controller caches every workload of the federation, and a parsed
/// Deployment holds about 2.4 times its JSON size in small allocations (every key and string its
/// own); deflated, the text is a third of its size. Only a reconcile reads the whole object, once,
/// so it inflates and parses it then (tens of microseconds for a Deployment); the informer's
/// filters read the labels and a digest kept beside it. `metadata.managedFields` is dropped:
/// nothing reads it, and on a real API server it is often the largest part of the object.
public struct CachedWorkload: CachedObject {
    /// The object's JSON, without `metadata.managedFields`.
    public let json: CompressedJSON
    public let cachedResourceVersion: String?
    /// The policy labels (`PolicyLabel`), the only ones workloads are looked up by.
    let policyLabels: [PolicyBinding]
    /// A digest of what a reconcile reads (`ChangeFilters.workloadInputs`): equal digests mean a
    /// change touched only the status or what Flotilla itself writes and does not read back.
    /// Process-local (`Hasher` is seeded per process): compared, never stored.
    let inputsDigest: Int

    struct PolicyBinding: Equatable, Sendable {
        var label: String
        var policy: String
    }

    public init?(cachedFrom object: JSONValue) {
        var trimmed = object
        if trimmed["metadata"]?["managedFields"] != nil { trimmed["metadata"]?["managedFields"] = nil }
        json = CompressedJSON(trimmed)
        cachedResourceVersion = object[path: ["metadata", "resourceVersion"]]?.stringValue
        let labels = object[path: ["metadata", "labels"]]
        policyLabels = PolicyLabel.all.compactMap { label in
            labels?[label]?.stringValue.map { PolicyBinding(label: label, policy: $0) }
        }
        inputsDigest = Self.inputsDigest(of: object)
    }

    /// The Deployment, inflated and parsed from the cached text.
    public func object() throws -> JSONValue { try json.value() }

    public var indexedLabels: [(String, String)] { policyLabels.map { ($0.label, $0.policy) } }

    /// `inputsDigest` for `object`.
    static func inputsDigest(of object: JSONValue) -> Int {
        var digest = Hasher()
        digest.combine(ChangeFilters.workloadInputs(object))
        return digest.finalize()
    }

    public static func == (lhs: CachedWorkload, rhs: CachedWorkload) -> Bool {
        lhs.cachedResourceVersion == rhs.cachedResourceVersion && lhs.json == rhs.json
    }
}
