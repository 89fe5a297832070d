import KubeObjects

/// The spec of a `coordination.k8s.io/v1` Lease as leader election reads and writes it: who
/// holds it, for how long a silent holder is trusted, and how often it changed hands.
///
/// Missing fields read as their zero values, as client-go reads them; a field of the wrong type is
/// a `malformedLease` error naming the lease and the field. Times stay text: they are compared
/// for change, never interpreted (see `LeaseTracker`).
public struct LeaderElectionRecord: Sendable, Hashable {
    /// Empty when nobody holds the lease (after a release).
    public var holderIdentity: String
    public var leaseDurationSeconds: Int
    /// MicroTime text, when set.
    public var acquireTime: String?
    public var renewTime: String?
    /// How many times the holder changed.
    public var leaseTransitions: Int

    public init(
        holderIdentity: String, leaseDurationSeconds: Int, acquireTime: String? = nil, renewTime: String? = nil,
        leaseTransitions: Int = 0
    ) {
        self.holderIdentity = holderIdentity
        self.leaseDurationSeconds = leaseDurationSeconds
        self.acquireTime = acquireTime
        self.renewTime = renewTime
        self.leaseTransitions = leaseTransitions
    }

    /// Reads the record from a Lease object's `spec`.
    public init(lease: JSONValue) throws(LeaderElectionError) {
        let namespace = lease[path: ["metadata", "namespace"]]?.stringValue ?? ""
        let name = lease[path: ["metadata", "name"]]?.stringValue ?? ""
        let spec = lease["spec"] ?? .null
        func malformed(_ field: String, _ expected: String, _ value: JSONValue) -> LeaderElectionError {
            LeaderElectionError(
                .malformedLease, "lease \(namespace)/\(name): spec.\(field) must be \(expected), got \(value.typeName)")
        }
        func string(_ field: String) throws(LeaderElectionError) -> String? {
            guard let value = spec[field], !value.isNull else { return nil }
            guard let text = value.stringValue else { throw malformed(field, "a string", value) }
            return text
        }
        func integer(_ field: String) throws(LeaderElectionError) -> Int {
            guard let value = spec[field], !value.isNull else { return 0 }
            guard let number = value.intValue, let result = Int(exactly: number) else {
                throw malformed(field, "an integer", value)
            }
            return result
        }
        guard spec.isNull || spec.objectValue != nil else {
            throw LeaderElectionError(.malformedLease, "lease \(namespace)/\(name): spec must be an object, got \(spec.typeName)")
        }
        self.init(
            holderIdentity: try string("holderIdentity") ?? "", leaseDurationSeconds: try integer("leaseDurationSeconds"),
            acquireTime: try string("acquireTime"), renewTime: try string("renewTime"),
            leaseTransitions: try integer("leaseTransitions"))
    }

    /// The Lease's `spec` for this record.
    public var spec: JSONValue {
        var object = JSONObject()
        object["holderIdentity"] = .string(holderIdentity)
        object["leaseDurationSeconds"] = .int(Int64(leaseDurationSeconds))
        if let acquireTime { object["acquireTime"] = .string(acquireTime) }
        if let renewTime { object["renewTime"] = .string(renewTime) }
        object["leaseTransitions"] = .int(Int64(leaseTransitions))
        return .object(object)
    }

    /// `lease` with this record as its spec; metadata, the resourceVersion included, is kept, so
    /// that an update of the result is conditional on the lease not having changed since.
    public func applied(to lease: JSONValue) -> JSONValue {
        var result = lease
        result["spec"] = spec
        return result
    }

    /// A new Lease object holding this record.
    func newLease(namespace: String, name: String) -> JSONValue {
        [
            "apiVersion": "coordination.k8s.io/v1", "kind": "Lease",
            "metadata": ["name": .string(name), "namespace": .string(namespace)], "spec": spec,
        ]
    }
}
