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
/// server fills in defaults, so a member object never equals what was sent. An update is a JSON
/// patch of the labels, annotations and spec, guarded by the cached resourceVersion: it needs
/// nothing of the object but what the cache keeps, and it leaves the rest of the member's
/// metadata (owner references, finalizers others added) as it is.
struct MemberSync: Sendable {
    static let desiredHashAnnotation = "flotilla.io/desired-hash"
    static let adoptAnnotation = "flotilla.io/adopt"

    enum Outcome: Sendable, Equatable {
        case created, updated, unchanged, deleted
        /// An object Flotilla did not create is in the way; the message says which.
        case refused(String)
    }

    /// What a write did, and where the copy stands afterwards (`nil`: not known, as when refused).
    struct Written: Sendable, Equatable {
        var outcome: Outcome
        var version: MemberCopyVersion?

        init(_ outcome: Outcome, _ version: MemberCopyVersion?) {
            self.outcome = outcome
            self.version = version
        }

        /// The version of the object a write returned.
        init(_ outcome: Outcome, returned object: JSONValue) {
            self.init(outcome, object[path: ["metadata", "resourceVersion"]]?.stringValue.map { .at($0) })
        }
    }

    let api: KubeAPI
    let cluster: String
    let source: ObjectReference

    /// Creates or updates the member object. `existing` is the cached copy, if any.
    func apply(_ desired: JSONValue, existing: MemberCopy?, adopt: Bool) async throws -> Written {
        var desired = desired
        let hash = Self.hash(of: desired)
        desired["metadata"]?["annotations"]?[Self.desiredHashAnnotation] = .string(String(hash, radix: 16))
        guard let existing else {
            do {
                return Written(.created, returned: try await create(desired))
            } catch {
                guard error.code == .alreadyExists else { throw error }
                let found = try await api.get(.deployments, namespace: source.namespace, name: source.name)
                guard let copy = MemberCopy(cachedFrom: found) else { throw error }
                // The cache had not seen this copy yet: where it stands is not what the caller
                // read, so its version is reported as unknown.
                let written = try await update(copy, to: desired, hash: hash, adopt: adopt)
                return Written(written.outcome, nil)
            }
        }
        return try await update(existing, to: desired, hash: hash, adopt: adopt)
    }

    /// Creates the copy, creating its namespace first when the member does not have it (as
    /// KubeAdmiral propagates namespaces to its members). The namespace is marked as Flotilla's
    /// but never deleted: other things may live in it.
    private func create(_ desired: JSONValue) async throws(KubeAPIError) -> JSONValue {
        do {
            return try await api.create(.deployments, namespace: source.namespace, desired)
        } catch {
            guard let namespace = source.namespace, error.status?.isNamespaceNotFound(namespace) == true else {
                throw error
            }
            do {
                _ = try await api.create(.namespaces, [
                    "apiVersion": "v1", "kind": "Namespace",
                    "metadata": [
                        "name": .string(namespace),
                        "labels": [.init(MemberObject.managedByLabel): .string(MemberObject.managedByValue)],
                    ],
                ])
            } catch {
                guard error.code == .alreadyExists else { throw error }
            }
            return try await api.create(.deployments, namespace: source.namespace, desired)
        }
    }

    private func update(_ existing: MemberCopy, to desired: JSONValue, hash: UInt64, adopt: Bool) async throws -> Written {
        let managed = existing.isFlotillas
        if !managed && !adopt {
            let why =
                "\(source) exists in cluster \(cluster) and was not created by Flotilla; "
                + "set the annotation \(Self.adoptAnnotation): \"true\" on the host Deployment to adopt it"
            return Written(.refused(why), nil)
        }
        if managed, existing.desiredHash == hash, existing.replicas == desired[path: ["spec", "replicas"]]?.intValue {
            return Written(.unchanged, .at(existing.resourceVersion))
        }
        let patch: JSONValue = [
            ["op": "test", "path": "/metadata/resourceVersion", "value": .string(existing.resourceVersion)],
            ["op": "add", "path": "/metadata/labels", "value": desired[path: ["metadata", "labels"]] ?? [:]],
            ["op": "add", "path": "/metadata/annotations", "value": desired[path: ["metadata", "annotations"]] ?? [:]],
            ["op": "add", "path": "/spec", "value": desired["spec"] ?? [:]],
        ]
        let patched = try await api.patch(.deployments, namespace: source.namespace, name: source.name, patch, type: .json)
        return Written(.updated, returned: patched)
    }

    /// Deletes the member object if it is this workload's; anything else is left alone.
    func delete(_ existing: MemberCopy) async throws -> Written {
        guard existing.isFlotillas else { return Written(.unchanged, .at(existing.resourceVersion)) }
        let uid = existing.uid.description
        let precondition = uid.isEmpty ? nil : uid
        do {
            try await api.delete(
                .deployments, namespace: source.namespace, name: source.name,
                options: DeleteOptions(propagationPolicy: .background, preconditionUID: precondition))
        } catch {
            guard error.code == .notFound else { throw error }
            return Written(.unchanged, .gone)
        }
        return Written(.deleted, .gone)
    }

    /// FNV-1a (64-bit) of the canonical JSON; the annotation carries it in hex.
    static func hash(of object: JSONValue) -> UInt64 { FNV1a.hash64(object.canonicalJSONBytes) }
}
