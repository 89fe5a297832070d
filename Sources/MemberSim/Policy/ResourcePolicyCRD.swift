import KubeClient
import KubeObjects

/// The ResourcePolicy CustomResourceDefinitions of both dialects, which a real member has
/// installed by its cloud's scheduler add-on and the simulator installs when they are absent.
extension ResourcePolicy.Dialect {
    public var group: String {
        switch self {
        case .volcengine: return "scheduling.vke.volcengine.com"
        case .alibabacloud: return "scheduling.alibabacloud.com"
        }
    }

    public var version: String {
        switch self {
        case .volcengine: return "v1beta1"
        case .alibabacloud: return "v1alpha1"
        }
    }

    /// The `resourcepolicies` collection of this dialect.
    public var resource: APIResource {
        APIResource(group: group, version: version, name: "resourcepolicies", namespaced: true)
    }

    /// A namespaced CRD whose schema keeps every field (`x-kubernetes-preserve-unknown-fields`):
    /// a structural schema, as `apiextensions.k8s.io/v1` requires, that leaves checking to the
    /// simulator's decoder, so that each cloud's extra fields are accepted.
    var customResourceDefinition: JSONValue {
        let schema: JSONValue = [
            "openAPIV3Schema": [
                "type": "object",
                "properties": [
                    "spec": ["type": "object", "x-kubernetes-preserve-unknown-fields": true],
                    "status": ["type": "object", "x-kubernetes-preserve-unknown-fields": true],
                ],
            ]
        ]
        return [
            "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
            "metadata": ["name": .string("resourcepolicies.\(group)")],
            "spec": [
                "group": .string(group), "scope": "Namespaced",
                "names": ["plural": "resourcepolicies", "singular": "resourcepolicy", "kind": "ResourcePolicy",
                          "listKind": "ResourcePolicyList", "shortNames": ["rp"]],
                "versions": [["name": .string(version), "served": true, "storage": true, "schema": schema]],
            ],
        ]
    }
}
