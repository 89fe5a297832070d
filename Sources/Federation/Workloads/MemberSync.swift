import KubeClient
import KubeObjects
import Placement

/// Brings one member's copy of a workload in line with the plan: create, update in place, or
/// delete — and refuses to touch an object Flotilla did not create.
///
/// An object counts as Flotilla's when it carries the managed-by label and its source annotation
/// names this host workload. A member object that exists without them is left alone unless the
/// host workload asks for adoption (`flotilla.io/adopt: "true"`), in which case it is taken over
/// and from then on managed like any other.
///
/// Updates are decided by a hash of the desired object stored on the member object
/// (`flotilla.io/desired-hash`) plus `spec.replicas`, not by comparing whole objects: a real API
/// server fills in defaults, so a member object never equals what was sent.
struct MemberSync: Sendable {
    static let desiredHashAnnotation = "flotilla.io/desired-hash"
    static let adoptAnnotation = "flotilla.io/adopt"

    enum Outcome: Sendable, Equatable {
        case created, updated, unchanged, deleted
        /// An object Flotilla did not create is in the way; the message says which.
        case refused(String)
    }

    let api: KubeAPI
    let cluster: String
    let source: ObjectReference

    /// Creates or updates the member object. `existing` is the cached member object, if any.
    func apply(_ desired: JSONValue, existing: JSONValue?, adopt: Bool) async throws -> Outcome {
        var desired = desired
        let hash = Self.hash(of: desired)
        desired["metadata"]?["annotations"]?[Self.desiredHashAnnotation] = .string(hash)
        guard let existing else {
            do {
                _ = try await api.create(.deployments, namespace: source.namespace, desired)
                return .created
            } catch {
                guard error.code == .alreadyExists else { throw error }
                let found = try await api.get(.deployments, namespace: source.namespace, name: source.name)
                return try await update(found, to: desired, hash: hash, adopt: adopt)
            }
        }
        return try await update(existing, to: desired, hash: hash, adopt: adopt)
    }

    private func update(_ existing: JSONValue, to desired: JSONValue, hash: String, adopt: Bool) async throws -> Outcome {
        if !isManaged(existing) && !adopt {
            return .refused(
                "\(source) exists in cluster \(cluster) and was not created by Flotilla; "
                    + "set the annotation \(Self.adoptAnnotation): \"true\" on the host Deployment to adopt it")
        }
        let annotations = existing[path: ["metadata", "annotations"]]
        if isManaged(existing), annotations?[Self.desiredHashAnnotation]?.stringValue == hash,
            existing[path: ["spec", "replicas"]] == desired[path: ["spec", "replicas"]]
        {
            return .unchanged
        }
        var updated = existing
        updated["metadata"]?["labels"] = desired[path: ["metadata", "labels"]]
        updated["metadata"]?["annotations"] = desired[path: ["metadata", "annotations"]]
        updated["spec"] = desired["spec"]
        _ = try await api.update(.deployments, updated)
        return .updated
    }

    /// Deletes the member object if it is this workload's; anything else is left alone.
    func delete(_ existing: JSONValue) async throws -> Outcome {
        guard isManaged(existing) else { return .unchanged }
        let uid = existing[path: ["metadata", "uid"]]?.stringValue
        do {
            try await api.delete(
                .deployments, namespace: source.namespace, name: source.name,
                options: DeleteOptions(propagationPolicy: .background, preconditionUID: uid))
        } catch {
            guard error.code == .notFound else { throw error }
            return .unchanged
        }
        return .deleted
    }

    func isManaged(_ object: JSONValue) -> Bool {
        object[path: ["metadata", "labels", MemberObject.managedByLabel]]?.stringValue == MemberObject.managedByValue
            && object[path: ["metadata", "annotations", MemberObject.sourceAnnotation]]?.stringValue
                == source.description
    }

    /// FNV-1a (64-bit) of the canonical JSON, in hex.
    static func hash(of object: JSONValue) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in object.canonicalJSONString.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return String(hash, radix: 16)
    }
}
