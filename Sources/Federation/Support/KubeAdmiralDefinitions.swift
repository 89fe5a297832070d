import KubeObjects

/// Minimal CustomResourceDefinitions for the five KubeAdmiral kinds, for an in-process host (the
/// embedded demo, the tests, the benchmark).
///
/// The in-process API server neither validates nor defaults custom resources, so it needs only
/// names and scopes; Flotilla's decoders apply KubeAdmiral's defaults themselves. A real host
/// gets the full schemas from `manifests/crds/`.
public enum KubeAdmiralDefinitions {
    public static let kinds: [(kind: String, plural: String, shortName: String, namespaced: Bool)] = [
        ("PropagationPolicy", "propagationpolicies", "pp", true),
        ("ClusterPropagationPolicy", "clusterpropagationpolicies", "cpp", false),
        ("OverridePolicy", "overridepolicies", "op", true),
        ("ClusterOverridePolicy", "clusteroverridepolicies", "cop", false),
        ("FederatedCluster", "federatedclusters", "fcluster", false),
    ]

    public static var all: [JSONValue] {
        kinds.map { kind in
            [
                "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
                "metadata": ["name": .string("\(kind.plural).core.kubeadmiral.io")],
                "spec": [
                    "group": "core.kubeadmiral.io", "scope": kind.namespaced ? "Namespaced" : "Cluster",
                    "names": [
                        "plural": .string(kind.plural), "kind": .string(kind.kind),
                        "singular": .string(kind.kind.lowercased()), "shortNames": [.string(kind.shortName)],
                    ],
                    "versions": [["name": "v1alpha1", "served": true, "storage": true, "subresources": ["status": [:]]]],
                ],
            ]
        }
    }
}
