import KubeObjects

/// Minimal CustomResourceDefinitions for the five KubeAdmiral kinds, for an in-process host (the
/// embedded demo, the tests, the benchmark).
///
/// The in-process API server neither validates nor defaults custom resources, so it needs only
/// names, scopes and the printer columns `kubectl get` shows (the same as `manifests/crds/`, which
/// a test checks); Flotilla's decoders apply KubeAdmiral's defaults themselves. A real host gets
/// the full schemas from `manifests/crds/`.
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
                    "versions": [
                        [
                            "name": "v1alpha1", "served": true, "storage": true, "subresources": ["status": [:]],
                            "additionalPrinterColumns": .array(printerColumns(of: kind.kind)),
                        ]
                    ],
                ],
            ]
        }
    }

    /// The kind's `additionalPrinterColumns`, Age last.
    static func printerColumns(of kind: String) -> [JSONValue] {
        let age: JSONValue = ["name": "Age", "type": "date", "jsonPath": ".metadata.creationTimestamp"]
        switch kind {
        case "PropagationPolicy", "ClusterPropagationPolicy":
            return [
                column("Mode", "Duplicate (every cluster gets the whole object) or Divide (replicas are split).",
                    ".spec.schedulingMode"),
                column("Strategy", "How Divide splits replicas, Spread (by weight) or Binpack (by priority).",
                    ".spec.replicasStrategy"),
                column("Max-Clusters", "At most this many clusters are selected; empty means no limit.",
                    ".spec.maxClusters", type: "integer", priority: 1),
                age,
            ]
        case "FederatedCluster":
            return [
                column("Ready", "The member's /healthz answered ok (True), something else (False), or nothing (Unknown).",
                    ".status.conditions[?(@.type=='Ready')].status"),
                column("Joined", "The member has joined the federation; only joined clusters are placed on.",
                    ".status.conditions[?(@.type=='Joined')].status"),
                column("API-Endpoint", "The member's API server.", ".spec.apiEndpoint"),
                age,
            ]
        default:
            return [age]
        }
    }

    private static func column(
        _ name: String, _ description: String, _ path: String, type: String = "string", priority: Int64 = 0
    ) -> JSONValue {
        var column = JSONObject([
            ("name", .string(name)), ("type", .string(type)), ("description", .string(description)),
            ("jsonPath", .string(path)),
        ])
        if priority > 0 { column["priority"] = .int(priority) }
        return .object(column)
    }
}
