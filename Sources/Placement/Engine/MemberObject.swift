import KubeObjects

/// Builds the object Flotilla writes to a member cluster from the host workload.
///
/// This is the one place that decides what a member receives; the controller, `flotilla plan`
/// and the tests all call it. The member object is the host object minus what only makes sense
/// on the host: server-set metadata, status, owner references and finalizers, and the labels and
/// annotations that bind the workload to policies or record scheduling state (KubeAdmiral keeps
/// those on the federated object, not in the template). It gains a label and an annotation that
/// mark it as managed by Flotilla and name its source, so that Flotilla never takes over an
/// object it did not create.
public enum MemberObject {
    /// Label on every member object Flotilla manages.
    public static let managedByLabel = "app.kubernetes.io/managed-by"
    public static let managedByValue = "flotilla"
    /// Annotation naming the host object a member object comes from: `Deployment default/web`.
    public static let sourceAnnotation = "flotilla.io/source"

    /// Metadata fields the API server sets, or that refer to host-only objects.
    static let hostOnlyMetadata = [
        "uid", "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp",
        "deletionGracePeriodSeconds", "managedFields", "selfLink", "ownerReferences", "finalizers",
    ]

    /// Label and annotation prefixes that carry federation state rather than workload state.
    static let federationKeyPrefixes = ["kubeadmiral.io/", "internal.kubeadmiral.io/", "flotilla.io/"]
    static let droppedAnnotations = ["kubectl.kubernetes.io/last-applied-configuration"]

    /// The member object for `source` with `replicas` written to `spec.replicas` (`nil`, in
    /// Duplicate mode, keeps the template's own count), then `overrides` applied. The ownership
    /// marks go on last: an override that replaces `/metadata/labels` or `/metadata/annotations`
    /// must not erase them, or Flotilla would no longer recognise its own copy and could neither
    /// update nor delete it.
    public static func build(
        from source: JSONValue, replicas: Int64?, sourceReference: ObjectReference,
        overrides: (JSONValue) throws(OverrideError) -> JSONValue = { $0 }
    ) throws(OverrideError) -> JSONValue {
        var object = source
        object["status"] = nil
        if var metadata = object["metadata"]?.objectValue {
            for field in hostOnlyMetadata { metadata[field] = nil }
            var labels = metadata["labels"]?.objectValue ?? JSONObject()
            for key in labels.keys where isFederationKey(key) { labels[key] = nil }
            metadata["labels"] = .object(labels)
            var annotations = metadata["annotations"]?.objectValue ?? JSONObject()
            for key in annotations.keys where isFederationKey(key) || droppedAnnotations.contains(key) {
                annotations[key] = nil
            }
            metadata["annotations"] = .object(annotations)
            object["metadata"] = .object(metadata)
        }
        if let replicas, object["spec"]?.objectValue != nil {
            object["spec"]?["replicas"] = .int(replicas)
        }
        object = try overrides(object)
        markOwnership(of: &object, sourceReference: sourceReference)
        return object
    }

    /// Puts the managed-by label and the source annotation on `object`.
    static func markOwnership(of object: inout JSONValue, sourceReference: ObjectReference) {
        guard var metadata = object["metadata"]?.objectValue else { return }
        var labels = metadata["labels"]?.objectValue ?? JSONObject()
        labels[managedByLabel] = .string(managedByValue)
        metadata["labels"] = .object(labels)
        var annotations = metadata["annotations"]?.objectValue ?? JSONObject()
        annotations[sourceAnnotation] = .string(sourceReference.description)
        metadata["annotations"] = .object(annotations)
        object["metadata"] = .object(metadata)
    }

    static func isFederationKey(_ key: String) -> Bool {
        federationKeyPrefixes.contains { key.hasPrefix($0) }
    }
}
