import KubeClient
import KubeObjects
import Placement

/// One member cluster's copy of a host workload, as the controller caches it: the few fields
/// member sync, status aggregation and auto-migration read, not the whole Deployment.
///
/// The controller caches a copy of every workload in every member, so this record decides most
/// of its memory: at 10,000 workloads over 10 members, a parsed Deployment per copy costs
/// gigabytes' worth of dictionaries, this record a few hundred bytes. Everything else about the
/// member object stays on the member's API server; a write that needs more reads it there.
///
/// The store keys each record by the copy's namespace and name, which are the host workload's.
public struct MemberCopy: CachedObject, Hashable {
    public var uid: UID
    public var resourceVersion: String
    public var generation: Int64
    /// Made by Flotilla from the host workload of the same namespace and name: it carries
    /// `app.kubernetes.io/managed-by: flotilla` and a `flotilla.io/source` annotation naming it.
    public var isFlotillas: Bool
    /// The `flotilla.io/desired-hash` annotation: what Flotilla last wrote (`nil` when absent or
    /// not a hash Flotilla writes).
    public var desiredHash: UInt64?
    /// `spec.replicas`; `nil` when absent (the API server's default is 1).
    public var replicas: Int64?
    /// What the member's Deployment controller reports; `nil` before it has written any status.
    public var status: Status?
    /// A digest of the labels, annotations and spec, to tell another writer's edit from
    /// Flotilla's own (process-local: compared, never stored).
    public var contentDigest: Int

    public struct Status: Sendable, Hashable {
        public var observedGeneration: Int64?
        public var replicas: Int64
        public var updatedReplicas: Int64
        public var readyReplicas: Int64
        public var availableReplicas: Int64
        public var unavailableReplicas: Int64
    }

    public init?(cachedFrom object: JSONValue) {
        guard let metadata = object["metadata"], let name = metadata["name"]?.stringValue else { return nil }
        let source = ObjectReference(kind: "Deployment", namespace: metadata["namespace"]?.stringValue, name: name)
        uid = UID(metadata["uid"]?.stringValue ?? "")
        resourceVersion = metadata["resourceVersion"]?.stringValue ?? ""
        generation = metadata["generation"]?.intValue ?? 0
        isFlotillas =
            metadata["labels"]?[MemberObject.managedByLabel]?.stringValue == MemberObject.managedByValue
            && metadata["annotations"]?[MemberObject.sourceAnnotation]?.stringValue == source.description
        desiredHash = metadata["annotations"]?[MemberSync.desiredHashAnnotation]?.stringValue.flatMap {
            UInt64($0, radix: 16)
        }
        replicas = object[path: ["spec", "replicas"]]?.intValue
        status = object["status"].flatMap(Status.init(json:))
        var digest = Hasher()
        digest.combine(metadata["labels"])
        digest.combine(metadata["annotations"])
        digest.combine(object["spec"])
        contentDigest = digest.finalize()
    }

    public var cachedResourceVersion: String? { resourceVersion }
    public var indexedLabels: [(String, String)] { [] }

    /// The member's Deployment controller has seen the latest spec.
    var hasReported: Bool {
        guard let observed = status?.observedGeneration else { return false }
        return observed >= generation
    }
}

extension MemberCopy.Status {
    /// The counts the host status sums, by their field names.
    static let countedFields = ["replicas", "updatedReplicas", "readyReplicas", "availableReplicas", "unavailableReplicas"]

    /// `nil` for an empty status: nothing has been reported.
    init?(json: JSONValue) {
        guard let fields = json.objectValue, !fields.isEmpty else { return nil }
        func count(_ field: String) -> Int64 { fields[field]?.intValue ?? 0 }
        observedGeneration = fields["observedGeneration"]?.intValue
        replicas = count("replicas")
        updatedReplicas = count("updatedReplicas")
        readyReplicas = count("readyReplicas")
        availableReplicas = count("availableReplicas")
        unavailableReplicas = count("unavailableReplicas")
    }

    /// The count named `field`, one of `countedFields`.
    func count(_ field: String) -> Int64 {
        switch field {
        case "replicas": return replicas
        case "updatedReplicas": return updatedReplicas
        case "readyReplicas": return readyReplicas
        case "availableReplicas": return availableReplicas
        case "unavailableReplicas": return unavailableReplicas
        default: return 0
        }
    }
}

extension MemberCopy {
    /// A `metadata.uid`, kept in 16 bytes when it is a lowercase UUID (as API servers make them),
    /// as text otherwise. A hundred thousand copies save a heap string each.
    public enum UID: Sendable, Hashable, CustomStringConvertible {
        case uuid(high: UInt64, low: UInt64)
        case text(String)

        public init(_ text: String) {
            self = Self.parseUUID(text).map { .uuid(high: $0.0, low: $0.1) } ?? .text(text)
        }

        public var description: String {
            switch self {
            case .text(let text): return text
            case let .uuid(high, low):
                func hex(_ value: UInt64, digits: Int) -> String {
                    let text = String(value, radix: 16)
                    return String(repeating: "0", count: digits - text.count) + text
                }
                let digits = hex(high, digits: 16) + hex(low, digits: 16)
                var result = ""
                for (index, character) in digits.enumerated() {
                    if [8, 12, 16, 20].contains(index) { result.append("-") }
                    result.append(character)
                }
                return result
            }
        }

        /// `8-4-4-4-12` lowercase hex digits, as two 64-bit halves.
        private static func parseUUID(_ text: String) -> (UInt64, UInt64)? {
            let bytes = Array(text.utf8)
            guard bytes.count == 36 else { return nil }
            var digits: [UInt64] = []
            for (index, byte) in bytes.enumerated() {
                if [8, 13, 18, 23].contains(index) {
                    guard byte == UInt8(ascii: "-") else { return nil }
                    continue
                }
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digits.append(UInt64(byte - UInt8(ascii: "0")))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digits.append(UInt64(byte - UInt8(ascii: "a") + 10))
                default: return nil
                }
            }
            let high = digits[0..<16].reduce(0) { $0 << 4 | $1 }
            let low = digits[16..<32].reduce(0) { $0 << 4 | $1 }
            return (high, low)
        }
    }
}
