import KubeObjects
import Testing

@testable import Placement

/// Test inputs are JSON text, as the YAML reader is another branch's.
func json(_ text: String) throws -> JSONValue { try JSONValue(parsing: text) }

/// A Deployment with an init container, two containers, labels and annotations: enough for
/// every overrider to find something to edit.
let sampleDeployment = """
    {"apiVersion": "apps/v1", "kind": "Deployment",
     "metadata": {"name": "web", "namespace": "default",
                  "labels": {"app": "web"}, "annotations": {"team": "ml"}},
     "spec": {"replicas": 3,
              "template": {"metadata": {"annotations": {}, "labels": {"app": "web"}},
                           "spec": {"initContainers": [{"name": "init", "image": "busybox:1.36"}],
                                    "containers": [
                                      {"name": "main", "image": "reg.example.com/team/app:1.0",
                                       "command": ["/bin/app"], "args": ["--port=80", "-v"],
                                       "env": [{"name": "A", "value": "1"}, {"name": "B", "value": "2"}]},
                                      {"name": "sidecar", "image": "envoyproxy/envoy:v1.29",
                                       "env": [{"name": "A", "value": "x"}]}]}}}}
    """

/// An `OverridePolicy default/test` whose rules are the JSON array `rules`.
func overridePolicy(rules: String) throws -> OverridePolicy {
    try OverridePolicy.decode(
        json(
            """
            {"apiVersion": "core.kubeadmiral.io/v1alpha1", "kind": "OverridePolicy",
             "metadata": {"name": "test", "namespace": "default"},
             "spec": {"overrideRules": \(rules)}}
            """))
}

/// An `OverridePolicy default/test` with one rule for all clusters, with these `overriders`.
func overridePolicy(overriders: String) throws -> OverridePolicy {
    try overridePolicy(rules: #"[{"overriders": \#(overriders)}]"#)
}

/// `object` (the sample Deployment by default) after one rule with these `overriders`.
func applying(
    _ overriders: String, to object: String = sampleDeployment, cluster: String = "member-1"
) throws -> JSONValue {
    try Overrides.apply(
        clusterPolicy: nil, policy: overridePolicy(overriders: overriders), to: json(object),
        cluster: ClusterIdentity(name: cluster))
}

/// The `OverrideError` that applying these `overriders` throws, or `nil` (recorded as an issue).
func overrideError(
    _ overriders: String, to object: String = sampleDeployment, sourceLocation: SourceLocation = #_sourceLocation
) throws -> OverrideError? {
    do {
        _ = try applying(overriders, to: object)
    } catch let error as OverrideError {
        return error
    }
    Issue.record("expected an OverrideError", sourceLocation: sourceLocation)
    return nil
}

extension JSONValue {
    /// The container called `name` in a Deployment's pod template, init containers included.
    func container(_ name: String) -> JSONValue? {
        let spec = self[path: ["spec", "template", "spec"]]
        let all = (spec?["initContainers"]?.arrayValue ?? []) + (spec?["containers"]?.arrayValue ?? [])
        return all.first { $0["name"] == .string(name) }
    }
}
